"""The chat page in a real browser, against the real stack and the trained model.

Queueing while offline, reconnecting, never sending twice, surviving a reload, right-to-left,
keyboard use, accessibility, the resident inbox and ambassador mode. Bad networks are made with
Playwright's own network control (offline, a held, dropped or refused request); how often the
assistant really processed a message is read from the tracker store (``user_messages``).
The whole conversations are in test_webchat_e2e.py.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from bot.ambassador.meetings import today_in_amsterdam
from bot.cli.stack import Stack
from bot.handover.models import Handover, ResidentMessage
from bot.handover.status import change_status
from bot.storage.db import session_scope
from tests.browser.conftest import (
    QUESTION,
    TIMEOUT_MS,
    assert_accessible,
    cli_output,
    handovers,
    latest_bot,
    open_chat,
    replies_to,
    run_intake,
    say,
    screenshot,
    sender_of,
    stored_events,
    user_events,
    user_messages,
    wait_until,
    wait_until_answered,
)

pytestmark = pytest.mark.rasa
expect.set_options(timeout=TIMEOUT_MS)

WEBHOOK = "**/webhooks/webchat/webhook"
ARABIC = re.compile(r"[\u0600-\u06FF]")
HELP_ACK = "Goed dat je dit vertelt"  # the assistant's first words when the intake starts
BOT_TEXTS = "() => [...document.querySelectorAll('.msg.bot .text')].map(e => e.textContent)"
MY_TEXTS = (
    "() => [...document.querySelectorAll('.msg.me:not([hidden]) .text')].map(e => e.textContent)"
)


def bot_says(page: Any, words: str) -> int:
    """How many of the assistant's messages on the page contain ``words``."""
    return sum(words in said for said in page.evaluate(BOT_TEXTS))


def new_handover(stack: Stack, known: set[str], said: list[str]) -> Handover:
    new = [handover for handover in handovers(stack) if handover.id not in known]
    assert len(new) == 1, "\n---\n".join(said)
    return new[0]


def accept(stack: Stack, handover: Handover) -> None:
    """The organisation picks the case up (what the partner API does on its behalf)."""
    with session_scope(stack.database) as session:
        change_status(
            session,
            session.get(Handover, handover.id),
            "accepted",
            actor=f"organization:{handover.organization_id}",
        )


def test_dutch_greeting_buttons_by_keyboard_and_no_accessibility_violations(
    context: Any, stack: Stack
) -> None:
    page = open_chat(context, stack)
    assert page.evaluate("() => document.activeElement.id") == "message"
    assert page.get_attribute("html", "lang") == "nl"
    assert page.locator(".choices button").all_inner_texts() == [
        "Nederlands",
        "Türkçe",
        "العربية",
    ]
    assert_accessible(page, "page-nl")
    for _ in range(25):  # reach the first choice by keyboard alone
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Nederlands":
            break
    else:
        raise AssertionError("the 'Nederlands' button cannot be reached with the keyboard")
    screenshot(page, "page-nl-buttons")
    page.keyboard.press("Enter")
    wait_until_answered(page)
    assert "Nederlands" in latest_bot(page), latest_bot(page)  # "Goed, we praten Nederlands."
    assert page.evaluate(MY_TEXTS) == ["Nederlands"]
    assert page.locator(".choices").count() == 0, "answered buttons disappear"
    assert user_messages(stack, sender_of(page)) == [
        "/greet",
        '/change_language{"preferred_language":"nl"}',
    ]


def test_arabic_is_right_to_left_per_message_and_on_the_input(context: Any, stack: Stack) -> None:
    page = open_chat(context, stack)
    page.select_option("#language", "ar")
    wait_until_answered(page)
    assert ARABIC.search(latest_bot(page)), latest_bot(page)
    say(page, "مرحبا")
    page.get_by_text("مساعد رقمي").wait_for()  # the greeting, now in Arabic
    expect(page.locator(".choices")).to_have_attribute("dir", "rtl")
    page.get_by_role("button", name="العربية", exact=True).click()
    wait_until_answered(page)
    say(page, "عندي ديون")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("#message", "dir") == "rtl"
    assert page.get_attribute("#message", "placeholder") == "اكتب رسالتك…"
    last_bot = page.locator(".msg.bot").last
    assert last_bot.get_attribute("dir") == "rtl" and last_bot.get_attribute("lang") == "ar"
    assert ARABIC.search(last_bot.inner_text()), last_bot.inner_text()
    assert page.locator(".msg.me").last.get_attribute("dir") == "rtl"
    greeting = page.locator(".msg.bot", has_text="digitale assistent").first
    assert greeting.get_attribute("dir") == "ltr", "the Dutch greeting stays left-to-right"
    assert_accessible(page, "page-ar")
    screenshot(page, "page-ar-rtl")


def test_the_typing_indicator_shows_while_the_assistant_answers(context: Any, stack: Stack) -> None:
    page = open_chat(context, stack)
    held: list[Any] = []
    page.route(WEBHOOK, lambda route: held.append(route))  # a slow line: held until released
    page.fill("#message", "ik heb schulden")
    page.press("#message", "Enter")
    typing = page.locator("#typing")
    expect(typing).to_be_visible()
    expect(typing).to_contain_text("typt")
    wait_until(page, lambda: held)
    screenshot(page, "page-typing")
    expect(typing).to_be_visible()  # still: the answer is outstanding
    held[0].continue_()
    wait_until_answered(page)
    expect(typing).to_be_hidden()
    assert QUESTION.match(page.evaluate(BOT_TEXTS)[-1]), page.evaluate(BOT_TEXTS)[-1]
    assert user_messages(stack, sender_of(page)) == ["/greet", "ik heb schulden"]


def test_messages_typed_offline_are_queued_and_sent_once_on_reconnect(
    context: Any, stack: Stack
) -> None:
    page = open_chat(context, stack)
    sender = sender_of(page)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    context.set_offline(True)
    for message in ("ik heb schulden", "huur en energie"):
        page.fill("#message", message)
        page.press("#message", "Enter")
    expect(page.locator("#status.offline")).to_contain_text("Geen verbinding")
    expect(page.locator(".msg.me.pending")).to_have_count(2)
    assert "Nog niet verstuurd" in page.locator(".msg.me.pending").first.inner_text()
    screenshot(page, "page-offline-queue")
    wait_until(page, lambda: len(failed) >= 3)  # the page keeps retrying: that must not duplicate
    assert user_messages(stack, sender) == ["/greet"]
    context.set_offline(False)
    wait_until_answered(page)
    assert page.evaluate(MY_TEXTS) == ["ik heb schulden", "huur en energie"]
    # Both were queued before either was answered, so the answers follow them as one block:
    # the intake starts once and each message gets exactly one next question.
    answers = replies_to(page, "huur en energie")
    assert bot_says(page, HELP_ACK) == 1, answers
    assert sum(bool(QUESTION.match(said)) for said in answers) == 2, answers
    assert QUESTION.match(answers[-1]), answers
    assert user_messages(stack, sender) == ["/greet", "ik heb schulden", "huur en energie"]
    expect(page.locator("#status")).to_be_empty()
    screenshot(page, "page-reconnected")


def test_a_reply_lost_on_the_way_is_fetched_again_without_running_twice(
    context: Any, stack: Stack
) -> None:
    page = open_chat(context, stack)
    lost: list[str] = []
    replays: list[str] = []

    def drop_first_reply(route: Any) -> None:
        if not lost:
            route.fetch()  # the server gets and answers it ...
            lost.append(route.request.post_data)
            route.abort("connectionreset")  # ... but the answer never reaches the page
        else:
            route.continue_()

    page.on(
        "response",
        lambda response: (
            replays.append(response.url)
            if response.headers.get("x-wegwijs-replay") == "1"
            else None
        ),
    )
    page.route(WEBHOOK, drop_first_reply)
    say(page, "ik heb schulden")
    assert lost and "ik heb schulden" in lost[0], "the first try went through the interception"
    assert replays, "the retry was answered from the stored reply"
    replies = replies_to(page, "ik heb schulden")
    assert HELP_ACK in replies[0] and QUESTION.match(replies[-1]), replies
    assert bot_says(page, HELP_ACK) == 1
    assert user_messages(stack, sender_of(page)) == ["/greet", "ik heb schulden"]


def test_the_conversation_and_unsent_messages_survive_a_reload(context: Any, stack: Stack) -> None:
    page = open_chat(context, stack)
    sender = sender_of(page)
    say(page, "ik heb schulden")
    page.route(WEBHOOK, lambda route: route.abort("internetdisconnected"))
    page.fill("#message", "huur en energie")
    page.press("#message", "Enter")
    page.locator("#status.offline").wait_for()
    expect(page.locator(".msg.me.pending")).to_have_count(1)
    assert user_messages(stack, sender) == ["/greet", "ik heb schulden"]
    page.unroute(WEBHOOK)
    page.reload()
    wait_until_answered(page)
    assert sender_of(page) == sender
    assert page.evaluate(MY_TEXTS) == ["ik heb schulden", "huur en energie"]
    assert bot_says(page, HELP_ACK) == 1
    replies = replies_to(page, "huur en energie")
    assert replies and QUESTION.match(replies[-1]), replies
    assert user_messages(stack, sender) == ["/greet", "ik heb schulden", "huur en energie"]
    screenshot(page, "page-after-reload")


def test_news_about_the_handover_reaches_the_page_once(context: Any, stack: Stack) -> None:
    page = open_chat(context, stack)
    known = {handover.id for handover in handovers(stack)}
    said = run_intake(page, stack, "page-inbox")
    handover = new_handover(stack, known, said)
    assert handover.channel == "web"  # news for a web resident waits in the page's inbox
    accept(stack, handover)
    page.reload()
    notice = page.locator(".msg.notice")
    notice.wait_for()
    assert handover.receiver_name in notice.inner_text()
    with page.expect_response("**/webhooks/webchat/inbox") as acknowledged:
        page.reload()  # the page acknowledges what it showed; the server marks it read
    assert acknowledged.value.ok and acknowledged.value.json()["messages"] == []
    wait_until_answered(page)
    expect(page.locator(".msg.notice")).to_have_count(1)
    with session_scope(stack.database) as session:
        read_at = (
            session.execute(
                select(ResidentMessage.read_at).where(ResidentMessage.handover_id == handover.id)
            )
            .scalars()
            .all()
        )
    assert read_at and all(read_at), read_at
    screenshot(page, "page-inbox-notice")


def test_no_request_leaves_the_server_and_the_page_runs_under_its_policy(
    browser: Any, stack: Stack
) -> None:
    strict = browser.new_context(viewport={"width": 390, "height": 844})
    strict.set_default_timeout(TIMEOUT_MS)
    try:
        page = strict.new_page()
        requests: list[str] = []
        problems: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )
        response = page.goto(stack.webchat_url.rstrip("/"))  # redirected to the slash
        assert page.url == stack.webchat_url
        assert "default-src 'none'" in response.headers["content-security-policy"]
        page.get_by_text("digitale assistent").wait_for()
        wait_until_answered(page)
        say(page, "hoi")
        assert latest_bot(page), "the assistant answered under the policy"
        assert requests
        assert all(url.startswith(stack.rasa_url) for url in requests), requests
        assert problems == []
    finally:
        strict.close()


def test_ambassador_signs_in_runs_an_intake_and_sees_the_meeting(
    context: Any, stack: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    token = cli_output(capsys, "token", "create", "--role", "ambassador", "--name", "Yusuf K.")
    today = today_in_amsterdam()
    meeting = ["meeting", "create", "--municipality", "GM0344", "--community", "tr", "--date"]
    code = cli_output(capsys, *meeting, today.isoformat())
    old_code = cli_output(capsys, *meeting, (today - timedelta(30)).isoformat())

    page = open_chat(context, stack)
    page.click("#ambassador-toggle")
    page.fill("#ambassador-token", "wgw_wrong")
    page.fill("#meeting-code", code)
    page.click("#sign-in-button")
    page.get_by_text("Dit token klopt niet").wait_for()
    assert_accessible(page, "page-ambassador-sign-in")
    screenshot(page, "page-ambassador-sign-in-error")
    page.fill("#ambassador-token", token)
    page.fill("#meeting-code", code.lower().replace("-", " "))
    page.click("#sign-in-button")
    page.locator("#ambassador-bar").wait_for()
    who = page.inner_text("#ambassador-who")
    assert "Yusuf K." in who and code in who and "Utrecht" in who, who
    page.get_by_text("digitale assistent").wait_for()
    wait_until_answered(page)
    resident = sender_of(page)

    hints: list[str] = []

    def consent_is_the_residents(page: Any) -> None:
        hints.append(page.inner_text(".choices"))

    known = {handover.id for handover in handovers(stack)}
    said = run_intake(page, stack, "page-ambassador", at_consent=consent_is_the_residents)
    assert hints and "Laat de bewoner zelf kiezen." in hints[0], hints
    handover = new_handover(stack, known, said)
    assert handover.channel == "ambassador"
    assert (handover.referrer_ambassador_id, handover.referrer_meeting_code) == ("yusuf-k", code)
    metadata = [event.get("metadata") or {} for event in user_events(stack, resident)]
    assert metadata and all(
        entry.get("ambassador_id") == "yusuf-k" and entry.get("meeting_code") == code
        for entry in metadata
    ), metadata
    assert token not in stored_events(stack, resident), "the token never reaches the tracker"
    screenshot(page, "page-ambassador-intake")

    accept(stack, handover)
    page.click("#show-overview")
    page.locator("#overview").wait_for()
    assert "1 doorverwijzing" in page.inner_text("#overview-summary")
    row = page.locator("#overview-rows tr").first
    assert handover.receiver_name in row.inner_text()
    assert "Opgepakt" in row.inner_text() and "nieuw" in row.inner_text()
    assert_accessible(page, "page-ambassador-overview")
    screenshot(page, "page-ambassador-overview")
    page.click("#close-overview")

    page.click("#new-resident")
    page.get_by_text("digitale assistent").wait_for()
    wait_until_answered(page)
    assert sender_of(page) != resident
    assert page.evaluate(MY_TEXTS) == [], "the next resident does not see the previous one"

    page.click("#sign-out")
    expect(page.locator("#ambassador-bar")).to_be_hidden()
    page.click("#ambassador-toggle")
    page.fill("#ambassador-token", token)
    page.fill("#meeting-code", old_code)
    page.click("#sign-in-button")
    page.get_by_text("Deze bijeenkomst is voorbij").wait_for()
    expect(page.locator("#message")).to_be_disabled()
    with session_scope(stack.database) as session:
        stored = (
            session.execute(
                select(Handover.referrer_meeting_code).where(
                    Handover.referrer_ambassador_id == "yusuf-k"
                )
            )
            .scalars()
            .all()
        )
    assert stored == [code]
