"""The chat page in a real browser, against the real channel and a scripted assistant.

Fast and deterministic: queueing while offline, reconnecting, never sending twice, surviving a
reload, right-to-left, keyboard use, accessibility, the resident inbox and ambassador mode.
The full conversations with the trained model are in test_webchat_e2e.py.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.ambassador.meetings import create_meeting, today_in_amsterdam
from bot.api.tokens import create_token
from bot.handover.models import Handover, ResidentMessage
from bot.handover.service import HandoverRequest, create_handover
from bot.handover.status import change_status
from bot.intake.triage import Route
from bot.storage.db import session_scope
from tests.browser.conftest import (
    assert_accessible,
    get_json,
    screenshot,
    sender_of,
    wait_until_answered,
)
from tests.browser.fake_assistant import INTAKE_ID

BOT_TEXTS = "() => [...document.querySelectorAll('.msg.bot .text')].map(e => e.textContent)"
MY_TEXTS = (
    "() => [...document.querySelectorAll('.msg.me:not([hidden]) .text')].map(e => e.textContent)"
)


def open_chat(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.get_by_text("digitale assistent").wait_for()
    wait_until_answered(page)
    return page


def say(page: Any, text: str) -> None:
    page.fill("#message", text)
    page.press("#message", "Enter")
    wait_until_answered(page)


def received(server: dict[str, str], page: Any) -> list[str]:
    return get_json(f"{server['base']}/test/received/{sender_of(page)}")


def _handover(database: str, sender: str, **referrer: str) -> str:
    with session_scope(database) as session:
        handover, _created = create_handover(
            session,
            HandoverRequest(
                conversation_id=sender,
                intake_id=INTAKE_ID,
                channel="ambassador" if referrer else "web",
                language="nl",
                municipality_code="GM0344",
                route=Route.VOLUNTEER,
                route_reason="debts",
                organization_id="org-1",
                service_id="svc-1",
                receiver_name="Thuisadministratie Utrecht (voorbeeld)",
                contact_method="phone",
                contact_value="+31612345678",
                consent_given=True,
                **referrer,
            ),
        )
        change_status(session, handover, "accepted", actor="organization:org-1")
        return handover.id


def test_dutch_greeting_buttons_by_keyboard_and_no_accessibility_violations(
    context: Any, fake_server: dict[str, str]
) -> None:
    page = open_chat(context, fake_server["page"])
    assert page.evaluate("() => document.activeElement.id") == "message"
    assert page.get_attribute("html", "lang") == "nl"
    assert_accessible(page, "page-nl")
    for _ in range(25):  # reach the first choice by keyboard alone
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Ja":
            break
    else:
        raise AssertionError("the 'Ja' button cannot be reached with the keyboard")
    screenshot(page, "page-nl-buttons")
    page.keyboard.press("Enter")
    wait_until_answered(page)
    assert page.evaluate(BOT_TEXTS)[-1] == "Je schreef: /affirm"
    assert page.evaluate(MY_TEXTS) == ["Ja"]
    assert page.locator(".choices").count() == 0, "answered buttons disappear"
    assert received(fake_server, page) == ["/greet", "/affirm"]


def test_arabic_is_right_to_left_per_message_and_on_the_input(
    context: Any, fake_server: dict[str, str]
) -> None:
    page = open_chat(context, fake_server["page"])
    page.select_option("#language", "ar")
    page.get_by_text("مساعد رقمي").wait_for()
    wait_until_answered(page)
    assert page.locator(".choices").get_attribute("dir") == "rtl"
    page.get_by_role("button", name="نعم").click()
    wait_until_answered(page)
    say(page, "عندي ديون")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("#message", "dir") == "rtl"
    assert page.get_attribute("#message", "placeholder") == "اكتب رسالتك…"
    last_bot = page.locator(".msg.bot").last
    assert last_bot.get_attribute("dir") == "rtl" and last_bot.get_attribute("lang") == "ar"
    assert page.locator(".msg.me").last.get_attribute("dir") == "rtl"
    assert page.evaluate(BOT_TEXTS)[-1] == "كتبت: عندي ديون"
    assert page.locator(".msg.bot", has_text="Hallo!").first.get_attribute("dir") == "ltr"
    assert_accessible(page, "page-ar")
    screenshot(page, "page-ar-rtl")


def test_the_typing_indicator_shows_while_the_assistant_answers(
    context: Any, fake_server: dict[str, str]
) -> None:
    page = open_chat(context, fake_server["page"])
    page.fill("#message", "even langzaam graag")
    page.press("#message", "Enter")
    page.locator("#typing").wait_for(state="visible")
    assert "typt" in page.inner_text("#typing")
    screenshot(page, "page-typing")
    wait_until_answered(page)
    assert page.locator("#typing").is_hidden()


def test_messages_typed_offline_are_queued_and_sent_once_on_reconnect(
    context: Any, fake_server: dict[str, str]
) -> None:
    page = open_chat(context, fake_server["page"])
    context.set_offline(True)
    for text in ("ik heb schulden", "de huur is te laat"):
        page.fill("#message", text)
        page.press("#message", "Enter")
    page.locator("#status.offline").wait_for()
    assert "Geen verbinding" in page.inner_text("#status")
    assert page.locator(".msg.me.pending").count() == 2
    assert "Nog niet verstuurd" in page.locator(".msg.me.pending").first.inner_text()
    screenshot(page, "page-offline-queue")
    page.wait_for_timeout(2500)  # the page keeps retrying meanwhile: that must not duplicate
    context.set_offline(False)
    wait_until_answered(page)
    assert page.evaluate(MY_TEXTS) == ["ik heb schulden", "de huur is te laat"]
    assert page.evaluate(BOT_TEXTS)[-2:] == [
        "Je schreef: ik heb schulden",
        "Je schreef: de huur is te laat",
    ]
    assert received(fake_server, page) == ["/greet", "ik heb schulden", "de huur is te laat"]
    assert page.inner_text("#status") == ""
    screenshot(page, "page-reconnected")


def test_a_reply_lost_on_the_way_is_fetched_again_without_running_twice(
    context: Any, fake_server: dict[str, str]
) -> None:
    page = open_chat(context, fake_server["page"])
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
    page.route("**/webhooks/webchat/webhook", drop_first_reply)
    say(page, "Utrecht")
    assert lost, "the first try went through the interception"
    assert replays, "the retry was answered from the stored reply"
    assert page.evaluate(BOT_TEXTS).count("Je schreef: Utrecht") == 1
    assert received(fake_server, page) == ["/greet", "Utrecht"]


def test_the_conversation_and_unsent_messages_survive_a_reload(
    context: Any, fake_server: dict[str, str]
) -> None:
    page = open_chat(context, fake_server["page"])
    say(page, "ik heb schulden")
    page.route("**/webhooks/webchat/webhook", lambda route: route.abort("internetdisconnected"))
    page.fill("#message", "nog een vraag")
    page.press("#message", "Enter")
    page.locator("#status.offline").wait_for()
    page.unroute("**/webhooks/webchat/webhook")
    page.reload()
    wait_until_answered(page)
    assert page.evaluate(MY_TEXTS) == ["ik heb schulden", "nog een vraag"]
    assert page.evaluate(BOT_TEXTS).count("Je schreef: ik heb schulden") == 1
    assert page.evaluate(BOT_TEXTS)[-1] == "Je schreef: nog een vraag"
    assert received(fake_server, page) == ["/greet", "ik heb schulden", "nog een vraag"]
    screenshot(page, "page-after-reload")


def test_news_about_the_handover_reaches_the_page_once(
    context: Any, fake_server: dict[str, str]
) -> None:
    page = open_chat(context, fake_server["page"])
    _handover(fake_server["database"], sender_of(page))
    page.reload()
    notice = page.locator(".msg.notice")
    notice.wait_for()
    assert "Thuisadministratie Utrecht" in notice.inner_text()
    page.reload()  # the page acknowledges what it showed; the server marks it read
    page.wait_for_timeout(1000)
    assert page.locator(".msg.notice").count() == 1
    with session_scope(fake_server["database"]) as session:
        read_at = session.execute(select(ResidentMessage.read_at)).scalar_one()
    assert read_at is not None
    screenshot(page, "page-inbox-notice")


def test_no_request_leaves_the_server_and_the_page_runs_under_its_policy(
    browser: Any, fake_server: dict[str, str]
) -> None:
    strict = browser.new_context(viewport={"width": 390, "height": 844})
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
        response = page.goto(fake_server["page"].rstrip("/"))  # redirected to the slash
        assert page.url == fake_server["page"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
        page.get_by_text("digitale assistent").wait_for()
        say(page, "hoi")
        assert requests
        assert all(url.startswith(fake_server["base"]) for url in requests), requests
        assert problems == []
    finally:
        strict.close()


def test_ambassador_signs_in_runs_an_intake_and_sees_the_meeting(
    context: Any, fake_server: dict[str, str]
) -> None:
    database = fake_server["database"]
    with session_scope(database) as session:
        _row, token = create_token(session, "ambassador", name="Fatima B.")
        code = create_meeting(session, "GM0344", "tr", today_in_amsterdam()).code
        old_code = create_meeting(
            session, "GM0344", "tr", today_in_amsterdam() - timedelta(30)
        ).code
    page = open_chat(context, fake_server["page"])
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
    assert "Fatima B." in page.inner_text("#ambassador-who")
    assert code in page.inner_text("#ambassador-who")
    assert "Utrecht" in page.inner_text("#ambassador-who")
    page.get_by_text("digitale assistent").wait_for()
    wait_until_answered(page)
    assert "Laat de bewoner zelf kiezen." in page.inner_text(".choices")
    resident = sender_of(page)
    page.get_by_role("button", name="Ja").click()
    wait_until_answered(page)
    metadata = get_json(f"{fake_server['base']}/test/metadata/{resident}")
    assert metadata and all(
        entry.get("ambassador_id") == "fatima-b" and entry.get("meeting_code") == code
        for entry in metadata
    ), metadata
    assert token not in str(metadata)
    screenshot(page, "page-ambassador-intake")

    _handover(database, resident, referrer_ambassador_id="fatima-b", referrer_meeting_code=code)
    page.click("#show-overview")
    page.locator("#overview").wait_for()
    assert "1 doorverwijzing" in page.inner_text("#overview-summary")
    row = page.locator("#overview-rows tr").first
    assert "Thuisadministratie Utrecht" in row.inner_text()
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
    assert page.locator("#ambassador-bar").is_hidden()
    page.click("#ambassador-toggle")
    page.fill("#ambassador-token", token)
    page.fill("#meeting-code", old_code)
    page.click("#sign-in-button")
    page.get_by_text("Deze bijeenkomst is voorbij").wait_for()
    assert page.locator("#message").is_disabled()
    with session_scope(database) as session:
        stored = (
            session.execute(
                select(Handover.referrer_meeting_code).where(
                    Handover.referrer_ambassador_id.is_not(None)
                )
            )
            .scalars()
            .all()
        )
    assert stored == [code]
