"""Whole conversations in a real browser against the real stack and the trained model.

The dialogue grows (more intake questions), so the intake is driven by a small loop that
answers whatever is asked, and the assertions stay on what is stable: the greeting, Arabic
text right-to-left, clickable buttons, and a handover row at the end.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.ambassador.meetings import today_in_amsterdam
from bot.cli.stack import Stack
from bot.handover.models import Handover
from bot.handover.status import change_status
from bot.storage.db import session_scope
from tests.browser.conftest import (
    assert_accessible,
    cli_output,
    handovers,
    latest_bot,
    open_chat,
    run_intake,
    say,
    screenshot,
    wait_until_answered,
)

pytestmark = pytest.mark.rasa

ARABIC = re.compile(r"[\u0600-\u06FF]")


def new_handovers(stack: Stack, known: set[str]) -> list[Handover]:
    """Handovers made since ``known``: the stack is shared with test_webchat_page.py."""
    return [handover for handover in handovers(stack) if handover.id not in known]


def test_a_full_dutch_intake_in_the_browser_ends_with_a_handover(
    context: Any, stack: Stack
) -> None:
    known = {handover.id for handover in handovers(stack)}
    page = open_chat(context, stack)
    assert "digitale assistent" in latest_bot(page)
    screenshot(page, "e2e-nl-greeting")
    transcript = run_intake(page, stack, "e2e-nl")
    stored = new_handovers(stack, known)
    assert len(stored) == 1, "\n---\n".join(transcript)
    handover = stored[0]
    assert (handover.channel, handover.language) == ("web", "nl")
    assert handover.municipality_code == "GM0344"
    assert handover.referrer_ambassador_id is None
    assert handover.receiver_name in page.inner_text("#log")
    assert page.locator(".msg.failed").count() == 0
    assert_accessible(page, "e2e-nl")

    # The organisation accepts: the news waits in the resident's inbox until the page asks.
    with session_scope(stack.database) as session:
        change_status(session, session.get(Handover, handover.id), "accepted", actor="test")
    page.reload()
    notice = page.locator(".msg.notice")
    notice.wait_for()
    assert handover.receiver_name in notice.inner_text()
    screenshot(page, "e2e-nl-inbox-notice")


def test_an_arabic_conversation_is_arabic_and_right_to_left(context: Any, stack: Stack) -> None:
    page = open_chat(context, stack)
    page.select_option("#language", "ar")
    wait_until_answered(page)
    switched = latest_bot(page)
    assert ARABIC.search(switched), switched
    say(page, "عندي ديون")
    reply = latest_bot(page)
    assert ARABIC.search(reply), reply
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("#message", "dir") == "rtl"
    assert page.locator(".msg.me").last.get_attribute("dir") == "rtl"
    bot_messages = page.locator(".msg.bot")
    for index in range(bot_messages.count()):
        message = bot_messages.nth(index)
        if ARABIC.search(message.inner_text()):
            assert message.get_attribute("dir") == "rtl"
            assert message.get_attribute("lang") == "ar"
    assert_accessible(page, "e2e-ar")
    screenshot(page, "e2e-ar")
    buttons = page.locator("#log .choices button")
    if buttons.count():  # whatever the assistant offers must be clickable, right-to-left too
        buttons.first.click()
        wait_until_answered(page)
        assert ARABIC.search(latest_bot(page))
        screenshot(page, "e2e-ar-after-button")


def test_an_ambassador_intake_carries_the_referrer_and_shows_in_the_overview(
    context: Any, stack: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    token = cli_output(capsys, "token", "create", "--role", "ambassador", "--name", "Fatima B.")
    day = today_in_amsterdam().isoformat()
    code = cli_output(
        capsys, "meeting", "create", "--municipality", "GM0344", "--community", "ma", "--date", day
    )
    known = {handover.id for handover in handovers(stack)}

    page = open_chat(context, stack)
    page.click("#ambassador-toggle")
    page.fill("#ambassador-token", token)
    page.fill("#meeting-code", code)
    page.click("#sign-in-button")
    page.locator("#ambassador-bar").wait_for()
    wait_until_answered(page)
    assert "digitale assistent" in latest_bot(page), "the bot greets the resident"
    screenshot(page, "e2e-ambassador-greeting")
    transcript = run_intake(page, stack, "e2e-ambassador")

    new = new_handovers(stack, known)
    assert len(new) == 1, "\n---\n".join(transcript)
    handover = new[0]
    assert handover.channel == "ambassador"
    assert handover.referrer_ambassador_id == "fatima-b"
    assert handover.referrer_meeting_code == code

    page.click("#show-overview")
    page.locator("#overview").wait_for()
    row = page.locator("#overview-rows tr").first
    assert handover.receiver_name in row.inner_text()
    assert "Doorgegeven" in row.inner_text()
    with session_scope(stack.database) as session:
        change_status(session, session.get(Handover, handover.id), "accepted", actor="test")
    page.click("#close-overview")
    page.click("#show-overview")
    page.get_by_text("Opgepakt").wait_for()
    assert "nieuw" in page.locator("#overview-rows tr").first.inner_text()
    screenshot(page, "e2e-ambassador-overview")
