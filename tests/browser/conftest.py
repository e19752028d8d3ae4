"""Browser tests: Playwright driving Debian's chromium (``make setup`` installs both).

Playwright's own browser download cannot work here, so the browser is the system one; axe-core
comes from npm into tests/browser/node_modules. Screenshots go to reports/browser/ on every
run, so a person can look at what the tests saw.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import PROJECT_ROOT
from bot.storage import migrate
from tests.integration.conftest import MODEL, free_port

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
ANSWERED = """() => {
  const stored = JSON.parse(localStorage.getItem("wegwijs.chat.v2") || "{}");
  return !(stored.outbox || []).length && !document.querySelector(".msg.pending")
    && document.getElementById("typing").hidden;
}"""


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model `make test` trains first (same check as tests/integration)."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it for you)")
    return MODEL


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
    """A fresh profile (empty localStorage) at phone size.

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


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as reply:  # loopback
        return json.loads(reply.read())


@pytest.fixture(scope="module")
def fake_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The real web chat channel with a scripted assistant (tests/browser/fake_assistant.py)."""
    folder = tmp_path_factory.mktemp("fake-webchat")
    database = f"sqlite:///{folder / 'wegwijs.db'}"
    migrate.upgrade(database)
    port = free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.browser.fake_assistant",
            "--port",
            str(port),
            "--database",
            database,
        ],
        cwd=PROJECT_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{base}/webhooks/webchat/health")
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"fake web chat server did not start; see {log.name}")
                time.sleep(0.2)
        yield {"base": base, "page": f"{base}/webhooks/webchat/", "database": database}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
