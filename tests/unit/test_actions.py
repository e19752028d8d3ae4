"""The custom actions with real rasa_sdk Trackers and dispatchers, on a real database."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.handover import ActionCreateHandover, ValidateHandoverForm
from actions.intake import ActionOfferService, ValidateIntakeForm
from actions.language import ActionReadMessage
from bot.cli.main import main as wegwijs
from bot.handover.models import Handover
from bot.storage.db import session_scope

DOMAIN: dict[str, Any] = {}


def make_tracker(
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "inform_location",
    entities: list[dict[str, Any]] | None = None,
    channel: str = "rest",
    language: str | None = None,
    language_confidence: float = 0.0,
    sender: str = "conversation-1",
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities or [],
        "language": language,
        "language_confidence": language_confidence,
    }
    events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
    return Tracker(sender, slots or {}, latest, events, False, None, None, "action_listen")


@pytest.fixture()
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", sqlite_url)
    assert wegwijs(["socialmap", "load-samples"]) == 0
    return sqlite_url


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


def test_a_place_name_or_postcode_resolves_to_the_cbs_code() -> None:
    form = ValidateIntakeForm()
    cases = [
        ("zaandam", "GM0479"),
        ("Den Bosch", "GM0796"),
        ("3511ab", "GM0344"),
        ("ik woon in Rotterdam", "GM0599"),
        ("Roterdam", "GM0599"),  # a small typo in a name that is clear enough
        ("Lahey", "GM0518"),
        ("أمستردام", "GM0363"),
    ]
    for typed, code in cases:
        dispatcher = CollectingDispatcher()
        result = form.validate_municipality(typed, dispatcher, make_tracker(), DOMAIN)
        assert result["municipality"] == code, typed
        assert dispatcher.messages == []


def test_a_misspelled_place_is_asked_again_with_suggestions() -> None:
    dispatcher = CollectingDispatcher()
    result = ValidateIntakeForm().validate_municipality(
        "Amstrdm", dispatcher, make_tracker(), DOMAIN
    )
    assert result == {"municipality": None}
    assert responses(dispatcher) == ["utter_municipality_not_found"]
    assert "Amsterdam" in dispatcher.messages[0]["municipality_suggestions"]


def test_nonsense_is_asked_again_without_suggestions() -> None:
    dispatcher = CollectingDispatcher()
    result = ValidateIntakeForm().validate_municipality(
        "qqqqqqqqqq", dispatcher, make_tracker(), DOMAIN
    )
    assert result == {"municipality": None}
    assert responses(dispatcher) == ["utter_municipality_unknown"]


async def test_a_bare_answer_is_taken_only_when_we_asked_for_the_place() -> None:
    form = ValidateIntakeForm()
    asked = make_tracker({"requested_slot": "municipality"}, text="zaandam")
    not_asked = make_tracker({"requested_slot": "phone"}, text="zaandam")
    assert await form.extract_municipality(CollectingDispatcher(), asked, DOMAIN) == {
        "municipality": "zaandam"
    }
    assert await form.extract_municipality(CollectingDispatcher(), not_asked, DOMAIN) == {}


async def test_the_offer_comes_from_the_social_map(database: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"municipality": "GM0344", "language": "nl"})
    events = await ActionOfferService().run(dispatcher, tracker, DOMAIN)
    slots = {event["name"]: event["value"] for event in events}
    offer = slots["offer"]
    assert offer["route"] == "volunteer"
    assert offer["organization_name"] == slots["offered_organization"]
    assert slots["intake_id"]
    assert responses(dispatcher) == ["utter_offer_service"]
    assert dispatcher.messages[0]["offered_organization"] == offer["organization_name"]


async def test_an_urgent_threat_is_offered_the_municipal_urgent_desk(database: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"municipality": "GM0599", "threats": ["eviction"], "language": "tr"})
    events = await ActionOfferService().run(dispatcher, tracker, DOMAIN)
    offer = {event["name"]: event["value"] for event in events}["offer"]
    assert offer["route"] == "urgent"
    assert "eviction" in offer["route_reason"]


def test_phone_numbers_are_validated() -> None:
    form = ValidateHandoverForm()
    dispatcher = CollectingDispatcher()
    assert form.validate_phone("06-12345678", dispatcher, make_tracker(), DOMAIN) == {
        "phone": "+31612345678"
    }
    assert form.validate_phone("12", dispatcher, make_tracker(), DOMAIN) == {"phone": None}
    assert responses(dispatcher) == ["utter_invalid_phone"]


async def test_no_consent_means_no_further_questions() -> None:
    form = ValidateHandoverForm()
    slots = ["consent", "phone"]
    refused = make_tracker({"consent": False})
    agreed = make_tracker({"consent": True})
    assert await form.required_slots(slots, CollectingDispatcher(), refused, DOMAIN) == [
        "consent"
    ]
    assert await form.required_slots(slots, CollectingDispatcher(), agreed, DOMAIN) == slots


def _handover_count(url: str) -> int:
    with session_scope(url) as session:
        return session.execute(select(func.count()).select_from(Handover)).scalar_one()


async def test_handover_is_created_once_and_the_number_is_forgotten(database: str) -> None:
    offer_dispatcher = CollectingDispatcher()
    offer_events = await ActionOfferService().run(
        offer_dispatcher, make_tracker({"municipality": "GM0344", "language": "ar"}), DOMAIN
    )
    slots = {event["name"]: event["value"] for event in offer_events}
    slots.update(language="ar", municipality="GM0344", consent=True, phone="+31612345678")
    for _attempt in range(2):  # a retried action call must not create a second handover
        dispatcher = CollectingDispatcher()
        events = await ActionCreateHandover().run(
            dispatcher, make_tracker(slots, channel="webchat"), DOMAIN
        )
        assert responses(dispatcher) == ["utter_handover_done"]
    assert _handover_count(database) == 1
    forgotten = {event["name"]: event["value"] for event in events}
    assert forgotten["phone"] is None and forgotten["consent"] is None
    with session_scope(database) as session:
        handover = session.execute(select(Handover)).scalar_one()
        assert (handover.channel, handover.language) == ("web", "ar")


async def test_without_consent_nothing_is_stored(database: str) -> None:
    dispatcher = CollectingDispatcher()
    slots = {"consent": False, "offer": {"route": "volunteer"}, "offered_phone": "030 123 4567"}
    await ActionCreateHandover().run(dispatcher, make_tracker(slots), DOMAIN)
    assert responses(dispatcher) == ["utter_no_consent"]
    assert dispatcher.messages[0]["offered_phone"] == "030 123 4567"
    assert _handover_count(database) == 0


async def test_reply_language_follows_a_clear_message_and_ignores_ok() -> None:
    action = ActionReadMessage()
    clear = make_tracker(text="borçlarım var", language="tr", language_confidence=0.97)
    assert await action.run(CollectingDispatcher(), clear, DOMAIN) == [
        {"event": "slot", "timestamp": None, "name": "language", "value": "tr"}
    ]
    vague = make_tracker({"language": "tr"}, text="ok", language="nl", language_confidence=0.2)
    assert await action.run(CollectingDispatcher(), vague, DOMAIN) == []


async def test_an_explicit_language_choice_wins() -> None:
    tracker = make_tracker(
        {"language": "nl"},
        text="/change_language",
        intent="change_language",
        entities=[{"entity": "preferred_language", "value": "ar"}],
        language="nl",
        language_confidence=0.9,
    )
    events = await ActionReadMessage().run(CollectingDispatcher(), tracker, DOMAIN)
    assert events[0]["value"] == "ar"


async def test_a_typed_bsn_gets_a_warning() -> None:
    dispatcher = CollectingDispatcher()
    await ActionReadMessage().run(
        dispatcher, make_tracker({"language": "nl"}, text="bsn 111222333"), DOMAIN
    )
    assert responses(dispatcher) == ["utter_sensitive_number"]
