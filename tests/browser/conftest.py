"""Browser tests: Playwright driving Debian's chromium (``make setup`` installs both).

Playwright's own browser download cannot work here, so the browser is the system one; axe-core
comes from npm into tests/browser/node_modules. Screenshots go to reports/browser/ on every
run, so a person can look at what the tests saw.

Every test talks to the real stack (action server, Rasa server with the trained model, partner
API and worker; bot/cli/stack.py), started once for the whole package. What the server did is
read back from real storage: the tracker store's ``events`` table and the handover tables.
Network trouble is made with Playwright's own network control, never with a stand-in server.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from bot.cli.main import main as wegwijs
from bot.cli.stack import Stack, sample_stack
from bot.config import PROJECT_ROOT
from bot.handover.models import Handover
from bot.storage.db import session_scope
from tests.integration.conftest import MODEL

CHROMIUM = Path(os.environ.get("WEGWIJS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "reports" / "browser"
PHONE = {"width": 390, "height": 844}  # mobile first: every test runs at phone size
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 60_000
MAX_TURNS = 25
CONSENT_WORDS = ("doorgeven", "toestemming", "mag ik")
QUESTION = re.compile(r"^Vraag \d+ van \d+\. ")  # every intake question starts like this
ANSWERED = """() => {
  const stored = JSON.parse(localStorage.getItem("wegwijs.chat.v2") || "{}");
  return !(stored.outbox || []).length && !document.querySelector(".msg.pending")
    && document.getElementById("typing").hidden;
}"""
LATEST_BOT = """() => {
  const all = [...document.querySelectorAll('#log .msg:not([hidden])')];
  let last = -1;
  all.forEach((element, index) => { if (element.classList.contains('me')) { last = index; } });
  return all.slice(last + 1).map(element => element.querySelector('.text').textContent);
}"""
TRANSCRIPT = """() => [...document.querySelectorAll('#log .msg:not([hidden])')].map(
  element => [element.classList.contains('me') ? 'me' : 'bot',
              element.querySelector('.text').textContent])"""
USER_EVENTS = text(
    "select data from events where sender_id = :sender and type_name = 'user' order by id"
)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model `make test` trains first (same check as tests/integration)."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it for you)")
    return MODEL


@pytest.fixture(scope="package")
def stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The real stack on free loopback ports, with a fresh database and the sample social map.

    Started once for both browser modules (it takes most of a minute on two cores) and stopped
    when the package is done, before other packages start their own. It runs no Playwright,
    so unlike ``browser`` it can outlive a module. Tests share it, so each test looks only at
    its own conversation (its own sender, its own handovers).
    """
    with sample_stack(tmp_path_factory.mktemp("browser-stack"), trained_model) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium per module; each test gets its own fresh context.

    Not per session: while Playwright's sync API is alive it marks an event loop as running
    in this thread, and the async tests of other modules could not run their own.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make setup` installs axe-core with npm")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture()
def context(browser: Any) -> Iterator[Any]:
    """A fresh profile (empty localStorage, so a new conversation) at phone size.

    ``bypass_csp`` only so axe-core can be injected; test_no_request_leaves_the_server checks
    the page under its real Content-Security-Policy.
    """
    created = browser.new_context(viewport=PHONE, bypass_csp=True, locale="nl-NL")
    created.set_default_timeout(TIMEOUT_MS)
    try:
        yield created
    finally:
        created.close()


def screenshot(page: Any, name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def assert_accessible(page: Any, name: str) -> None:
    """axe-core on the page as it is now: no serious or critical WCAG 2.1 A/AA violation."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    (SCREENSHOTS / f"axe-{name}.json").write_text(
        json.dumps(results["violations"], indent=2, ensure_ascii=False), encoding="utf-8"
    )
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not serious, "\n".join(serious)
    assert results["passes"], "axe ran no checks at all"


def wait_until_answered(page: Any, timeout: float = TIMEOUT_MS) -> None:
    """Nothing left in the page's outbox and no reply outstanding."""
    page.wait_for_function(ANSWERED, timeout=timeout)


def sender_of(page: Any) -> str:
    return page.evaluate("() => JSON.parse(localStorage.getItem('wegwijs.chat.v2')).sender")


def open_chat(context: Any, stack: Stack) -> Any:
    """A new conversation: the page greets itself and the real assistant answers."""
    page = context.new_page()
    page.goto(stack.webchat_url)
    page.get_by_text("digitale assistent").wait_for()
    wait_until_answered(page)
    return page


def say(page: Any, message: str) -> None:
    page.fill("#message", message)
    page.press("#message", "Enter")
    wait_until_answered(page)


def latest_bot(page: Any) -> str:
    """What the assistant said after the resident's last message, one line per message."""
    return "\n".join(page.evaluate(LATEST_BOT))


def transcript(page: Any) -> list[tuple[str, str]]:
    """The visible conversation as (``me`` or ``bot``, text), in order."""
    return [(who, said) for who, said in page.evaluate(TRANSCRIPT)]


def replies_to(page: Any, message: str) -> list[str]:
    """The assistant's messages between ``message`` (the resident's) and the next one."""
    lines = transcript(page)
    start = lines.index(("me", message)) + 1
    replies: list[str] = []
    for who, said in lines[start:]:
        if who == "me":
            break
        replies.append(said)
    return replies


def wait_until(page: Any, condition: Callable[[], Any], timeout_ms: float = TIMEOUT_MS) -> None:
    """Poll a condition on the Python side, letting Playwright dispatch events meanwhile."""
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise AssertionError(f"condition not met within {timeout_ms / 1000:.0f}s")
        page.wait_for_timeout(50)
        waited += 50


def user_messages(stack: Stack, sender: str) -> list[str]:
    """Every message the assistant processed for ``sender``, from the tracker store's events.

    A message the server ran twice would be here twice: this is the real count.
    """
    with session_scope(stack.database) as session:
        rows = session.execute(USER_EVENTS, {"sender": sender}).scalars().all()
    return [json.loads(row)["text"] for row in rows]


def user_events(stack: Stack, sender: str) -> list[dict[str, Any]]:
    with session_scope(stack.database) as session:
        rows = session.execute(USER_EVENTS, {"sender": sender}).scalars().all()
    return [json.loads(row) for row in rows]


def stored_events(stack: Stack, sender: str) -> str:
    """Everything the tracker store keeps about ``sender``, as one string to search."""
    with session_scope(stack.database) as session:
        rows = session.execute(
            text("select data from events where sender_id = :sender"), {"sender": sender}
        ).scalars()
        return "\n".join(rows)


def handovers(stack: Stack) -> list[Handover]:
    with session_scope(stack.database) as session:
        return list(session.execute(select(Handover).order_by(Handover.created_at)).scalars())


def run_intake(
    page: Any, stack: Stack, name: str, at_consent: Callable[[Any], None] | None = None
) -> list[str]:
    """Answer whatever is asked until the handover is made; returns what the bot said.

    The dialogue grows, so this answers whatever comes: a button when there are buttons ("Ja"
    to consent, after ``at_consent`` had a look), else a municipality, a phone number or text.
    """
    said: list[str] = []
    known = len(handovers(stack))
    say(page, "ik heb schulden")
    free_text = iter(["huur"])
    for _turn in range(MAX_TURNS):
        asked = latest_bot(page)
        said.append(asked)
        lowered = asked.lower()
        if "belt je uiterlijk" in lowered or len(handovers(stack)) > known:
            break
        buttons = page.locator("#log .choices button")
        if buttons.count():
            if any(word in lowered for word in CONSENT_WORDS):
                screenshot(page, f"{name}-consent")
                if at_consent is not None:
                    at_consent(page)
                page.get_by_role("button", name="Ja", exact=True).click()
            else:
                buttons.first.click()
            wait_until_answered(page)
        elif "gemeente" in lowered:
            say(page, "Utrecht")
        elif "telefoonnummer" in lowered:
            say(page, "0612345678")
        else:
            say(page, next(free_text, "nee"))
    screenshot(page, f"{name}-done")
    return said


def cli_output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run a `wegwijs` command against the stack's database; its last printed line."""
    capsys.readouterr()
    assert wegwijs(list(args)) == 0, args
    return capsys.readouterr().out.strip().splitlines()[-1]
