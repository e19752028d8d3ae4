"""The custom actions with real rasa_sdk Trackers and dispatchers, on a real database."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.flow import (
    ActionGoBack,
    ActionHandleFallback,
    ActionPauseIntake,
    ActionSessionStart,
    ActionStartIntake,
    ActionStopIntake,
)
from actions.handover import ActionCreateHandover
from actions.intake_form import ValidateIntakeForm
from actions.language import ActionReadMessage
from actions.offer import ActionAskConsent
from actions.safety_check import SAFETY_ANSWER, ActionAnswerSelfHarmCheck, ActionCheckIn
from actions.summary import ActionAskSummaryConfirmed
from bot.cli.main import main as wegwijs
from bot.config import PROJECT_ROOT
from bot.handover.models import Handover
from bot.privacy.sealing import unseal
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
    events: list[dict[str, Any]] | None = None,
    ranking: list[tuple[str, float]] | None = None,
    self_harm_check: bool = False,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking or [(intent, 0.9)]],
        "entities": entities or [],
        "language": language,
        "language_confidence": language_confidence,
        "self_harm_check": self_harm_check,
    }
    user = {"event": "user", "text": text, "parse_data": latest, "input_channel": channel}
    return Tracker(
        sender, slots or {}, latest, [*(events or []), user], False, None, None, "action_listen"
    )


def set_slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message.get("response") or message.get("text") for message in dispatcher.messages]


@pytest.fixture()
def database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", sqlite_url)
    assert wegwijs(["socialmap", "load-samples"]) == 0
    return sqlite_url


# --- reading answers -------------------------------------------------------------------


async def test_the_first_words_are_the_worry_and_progress_starts() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="ik heb schulden bij de huur", intent="ask_help")
    events = await ActionStartIntake().run(dispatcher, tracker, DOMAIN)
    slots = set_slots(events)
    assert slots["worry"] == "ik heb schulden bij de huur"
    assert slots["intake_id"]
    assert (slots["question_no"], slots["question_total"]) == ("2", "11")
    # no greeting yet: the opening (assistant, free, anonymous) comes first
    assert responses(dispatcher) == ["utter_greet", "utter_greet_privacy"]


async def test_the_opening_is_not_repeated_after_a_greeting() -> None:
    greeted = [{"event": "action", "name": "utter_greet_privacy"}]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="ik heb schulden", intent="ask_help", events=greeted)
    await ActionStartIntake().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == []


async def test_an_urgent_opening_is_acknowledged_once(database: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"threats": ["eviction"], "municipality": "GM0344"},
        text="we worden volgende week uit huis gezet",
        intent="inform_urgent",
    )
    events = await ActionStartIntake().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher)[-2:] == ["utter_urgent", "utter_urgent_number"]
    assert dispatcher.messages[-1]["urgent_phone"]
    assert set_slots(events)["urgent_acknowledged"] is True


async def extract(slot: str, text: str, intent: str = "inform", language: str = "nl", **slots):
    form = ValidateIntakeForm()
    tracker = make_tracker({"requested_slot": slot, "language": language, **slots}, text, intent)
    return await getattr(form, f"extract_{slot}")(CollectingDispatcher(), tracker, DOMAIN)


async def test_typed_and_clicked_answers_in_three_languages() -> None:
    assert await extract("debt_kinds", "huur en de deurwaarder") == {
        "debt_kinds": ["rent", "bailiff"]
    }
    assert await extract("debt_kinds", "Kira", language="tr") == {"debt_kinds": ["rent"]}
    assert await extract("debt_kinds", "lkra w do", language="ar") == {
        "debt_kinds": ["rent", "energy"]
    }
    assert await extract("debt_kinds", "Nog geen schulden") == {"debt_kinds": ["none"]}
    assert await extract("threats", "mijn stroom wordt afgesloten") == {
        "threats": ["energy_cutoff"]
    }
    assert await extract("threats", "Hayır", language="tr") == {"threats": []}
    assert await extract("life_domains", "werk en kinderen") == {
        "life_domains": ["work", "children"]
    }
    assert await extract("helper_language", "Türkçe", language="tr") == {"helper_language": "tr"}
    assert await extract("contact_method", "WhatsApp") == {"contact_method": "whatsapp"}
    assert await extract("consent", "/affirm", intent="affirm") == {"consent": True}
    assert await extract("consent", "wakha", language="ar") == {"consent": True}
    assert await extract("consent", "nee liever niet", intent="deny") == {"consent": False}
    assert await extract("other_help", "nee") == {"other_help": "none"}


async def test_an_interruption_is_not_taken_as_an_answer() -> None:
    assert await extract("worry", "ik wil een mens spreken", intent="request_human") == {}
    assert await extract("municipality", "stop", intent="stop") == {}
    # a choice that parses is an answer even if the classifier hesitated
    assert await extract("contact_method", "Bellen", intent="request_human") == {
        "contact_method": "phone"
    }
    # safety always interrupts
    assert await extract("worry", "ik wil niet meer leven", intent="self_harm") == {}


def validate(slot: str, value: Any, **slots) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    method = getattr(ValidateIntakeForm(), f"validate_{slot}")
    result = method(value, dispatcher, make_tracker(slots), DOMAIN)
    return result, responses(dispatcher)


def test_a_place_name_or_postcode_resolves_to_the_cbs_code() -> None:
    cases = [
        ("zaandam", "GM0479"),
        ("Den Bosch", "GM0796"),
        ("3511ab", "GM0344"),
        ("ik woon in Rotterdam", "GM0599"),
        ("Roterdam", "GM0599"),
        ("Lahey", "GM0518"),
        ("أمستردام", "GM0363"),
    ]
    for typed, code in cases:
        result, said = validate("municipality", typed)
        assert result["municipality"] == code, typed
        assert said == []


def test_unknown_places_are_asked_again_and_twice_offers_a_person() -> None:
    result, said = validate("municipality", "Amstrdm")
    assert result["municipality"] is None
    assert said == ["utter_municipality_not_found"]
    result, said = validate("municipality", "qqqqqqqq", failed_answers=1)
    assert result == {"municipality": None, "failed_answers": 0}
    assert said == ["utter_municipality_unknown", "utter_offer_human"]


def test_contact_details_are_validated() -> None:
    assert validate("contact_value", "06-12345678")[0]["contact_value"] == "+31612345678"
    assert validate("contact_value", "+32 470 12 34 56")[0]["contact_value"] == "+32470123456"
    assert validate("contact_value", "12")[1] == ["utter_invalid_phone"]
    email = validate("contact_value", "Naam@Voorbeeld.nl", contact_method="email")[0]
    assert email["contact_value"] == "naam@voorbeeld.nl"
    assert validate("contact_value", "naam@", contact_method="email")[1] == ["utter_invalid_email"]


def test_a_correction_clears_that_part_and_asks_consent_again() -> None:
    result, _ = validate("correction_field", "municipality")
    assert result == {
        "municipality": None,
        "consent": None,
        "correction_field": None,
        "summary_confirmed": None,
    }


async def test_no_consent_ends_the_questions() -> None:
    form = ValidateIntakeForm()
    refused = make_tracker({"consent": False})
    required = await form.required_slots([], CollectingDispatcher(), refused, DOMAIN)
    assert required[-1] == "consent"
    agreed = make_tracker({"consent": True, "threats": ["eviction"]})
    required = await form.required_slots([], CollectingDispatcher(), agreed, DOMAIN)
    assert "threat_date" in required and required[-1] == "summary_confirmed"


# --- the offer, the summary and the handover -----------------------------------------------


async def test_the_offer_comes_from_the_social_map_and_consent_names_it(database: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        {"municipality": "GM0344", "language": "nl", "debt_kinds": ["rent"], "threats": []}
    )
    slots = set_slots(await ActionAskConsent().run(dispatcher, tracker, DOMAIN))
    assert slots["offer"]["route"] == "volunteer"
    assert responses(dispatcher) == ["utter_offer_service", "utter_ask_consent"]
    assert dispatcher.messages[1]["offered_organization"] == slots["offered_organization"]


async def test_problem_debts_go_to_professional_help(database: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"municipality": "GM0599", "debt_kinds": ["bailiff", "rent"]})
    slots = set_slots(await ActionAskConsent().run(dispatcher, tracker, DOMAIN))
    assert slots["offer"]["route"] == "professional"
    assert responses(dispatcher)[0] == "utter_offer_professional"


async def test_an_urgent_threat_is_offered_the_urgent_desk(database: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"municipality": "GM0599", "threats": ["eviction"], "language": "tr"})
    slots = set_slots(await ActionAskConsent().run(dispatcher, tracker, DOMAIN))
    assert slots["offer"]["route"] == "urgent"
    assert "eviction" in slots["offer"]["route_reason"]


async def test_no_debts_yet_gets_tips_from_the_content_file(database: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"municipality": "GM0479", "debt_kinds": ["none"], "language": "ar"})
    slots = set_slots(await ActionAskConsent().run(dispatcher, tracker, DOMAIN))
    said = responses(dispatcher)
    assert said[0] == "utter_self_help_intro"
    assert said[-1] == "utter_ask_consent_volunteer"
    tips = said[1:-1]
    assert 3 <= len(tips) <= 5 and all("\u0627" in tip or "\u0644" in tip for tip in tips)
    assert slots["offer"]["route"] == "self_help"


async def test_the_summary_is_in_the_residents_language() -> None:
    dispatcher = CollectingDispatcher()
    slots = {
        "language": "tr",
        "debt_kinds": ["rent"],
        "municipality": "GM0344",
        "contact_method": "phone",
        "contact_value": "+31612345678",
    }
    await ActionAskSummaryConfirmed().run(dispatcher, make_tracker(slots), DOMAIN)
    summary = dispatcher.messages[0]["summary"]
    assert "Borçlar: kira" in summary and "Utrecht" in summary


def complete_intake(offer_slots: dict[str, Any], **changes: Any) -> dict[str, Any]:
    slots = {
        "language": "ar",
        "municipality": "GM0344",
        "debt_kinds": ["rent"],
        "threats": [],
        "consent": True,
        "contact_method": "whatsapp",
        "contact_value": "+31612345678",
        "summary_confirmed": True,
        "worry": "عندي مشكل مع الكراء",
        **offer_slots,
    }
    slots.update(changes)
    return slots


def _handover_count(url: str) -> int:
    with session_scope(url) as session:
        return session.execute(select(func.count()).select_from(Handover)).scalar_one()


async def test_handover_is_created_once_and_the_answers_are_forgotten(database: str) -> None:
    offer_tracker = make_tracker({"municipality": "GM0344", "language": "ar"})
    offer_events = await ActionAskConsent().run(CollectingDispatcher(), offer_tracker, DOMAIN)
    slots = complete_intake(set_slots(offer_events))
    for _attempt in range(2):  # a retried action call must not create a second handover
        dispatcher = CollectingDispatcher()
        events = await ActionCreateHandover().run(
            dispatcher, make_tracker(slots, channel="webchat"), DOMAIN
        )
        assert responses(dispatcher) == ["utter_handover_done", "utter_no_retelling"]
    assert _handover_count(database) == 1
    forgotten = set_slots(events)
    assert forgotten["contact_value"] is None and forgotten["worry"] is None
    with session_scope(database) as session:
        handover = session.execute(select(Handover)).scalar_one()
        assert (handover.channel, handover.language, handover.contact_method) == (
            "web",
            "ar",
            "whatsapp",
        )
        assert unseal(handover.contact_encrypted) == "+31612345678"
        assert "Schulden: huur" in handover.summary


async def test_without_consent_or_confirmation_nothing_is_stored(database: str) -> None:
    offer = {"offer": {"route": "volunteer"}, "offered_phone": "030 123 4567"}
    for changes in ({"consent": False}, {"summary_confirmed": None}):
        dispatcher = CollectingDispatcher()
        slots = complete_intake(offer, **changes)
        await ActionCreateHandover().run(dispatcher, make_tracker(slots), DOMAIN)
        assert responses(dispatcher) == ["utter_no_consent"]
    assert _handover_count(database) == 0


# --- moving through the conversation ------------------------------------------------------


async def test_going_back_clears_the_previous_answer() -> None:
    slots = {"worry": "x", "debt_kinds": ["rent"], "threats": [], "requested_slot": "life_domains"}
    events = await ActionGoBack().run(CollectingDispatcher(), make_tracker(slots), DOMAIN)
    cleared = set_slots(events)
    assert cleared["threats"] is None and cleared["requested_slot"] is None
    assert cleared["question_no"] == "3"


async def test_stop_forgets_everything_but_the_language() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"language": "tr", "worry": "x", "municipality": "GM0344"}
    events = await ActionStopIntake().run(dispatcher, make_tracker(slots), DOMAIN)
    cleared = set_slots(events)
    assert cleared["worry"] is None and cleared["municipality"] is None
    assert "language" not in cleared
    assert responses(dispatcher) == ["utter_stopped"]


async def test_after_safety_the_intake_waits() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionPauseIntake().run(dispatcher, make_tracker({"worry": "x"}), DOMAIN)
    assert set_slots(events)["intake_paused"] is True
    assert responses(dispatcher) == ["utter_paused"]
    quiet = CollectingDispatcher()
    nothing = await ActionPauseIntake().run(quiet, make_tracker({}), DOMAIN)
    assert responses(quiet) == []
    # The resident has the safety answer: the direct question is never asked after it
    assert set_slots(nothing) == {
        "self_harm_answer": "yes",
        "self_harm_check_due": False,
        "self_harm_question": False,
    }


# --- the direct question about ending one's life ------------------------------------------------


async def test_signs_of_despair_make_the_question_due_once() -> None:
    """action_read_message runs on every message: the NLU's self_harm_check makes the question
    due, unless it was asked (any answer) or is due already."""
    action = ActionReadMessage()
    despair = make_tracker(text="ik kan niet meer", intent="ask_help", self_harm_check=True)
    assert set_slots(await action.run(CollectingDispatcher(), despair, DOMAIN)) == {
        "self_harm_check_due": True
    }
    for earlier in ({"self_harm_answer": "no"}, {"self_harm_check_due": True}):
        again = make_tracker(earlier, "ik kan niet meer", "ask_help", self_harm_check=True)
        assert await action.run(CollectingDispatcher(), again, DOMAIN) == []
    calm = make_tracker(text="ik heb schulden", intent="ask_help")
    assert await action.run(CollectingDispatcher(), calm, DOMAIN) == []


async def test_an_unanswered_question_outside_the_intake_lapses_on_the_next_message() -> None:
    action = ActionReadMessage()
    waiting = {"self_harm_question": True, "self_harm_answer": "asked"}
    other = make_tracker(waiting, "hoe laat is het", "out_of_scope")
    assert set_slots(await action.run(CollectingDispatcher(), other, DOMAIN)) == {
        "self_harm_question": False
    }
    for intent in ("affirm", "deny"):
        answer = make_tracker(waiting, "ja", intent)
        assert await action.run(CollectingDispatcher(), answer, DOMAIN) == []


async def test_the_form_asks_the_question_before_its_next_one_and_not_in_the_count() -> None:
    form = ValidateIntakeForm()
    slots = {"worry": "ik kan niet meer", "self_harm_check_due": True}
    tracker = make_tracker(slots, "ik kan niet meer", "ask_help", self_harm_check=True)
    required = await form.required_slots([], CollectingDispatcher(), tracker, DOMAIN)
    assert required[0] == "self_harm_answer"
    events = await ActionStartIntake().run(CollectingDispatcher(), tracker, DOMAIN)
    assert "question_no" not in set_slots(events)


async def test_yes_to_the_question_gets_the_safety_answer_and_pauses_the_intake() -> None:
    form = ValidateIntakeForm()
    slots = {"worry": "ik kan niet meer", "self_harm_check_due": True}
    asked = {**slots, "requested_slot": "self_harm_answer"}
    assert await extract("self_harm_answer", "ja", intent="affirm", **slots) == {
        "self_harm_answer": True
    }
    assert await extract("self_harm_answer", "evet", language="tr", **slots) == {
        "self_harm_answer": True
    }
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(asked, "ja", "affirm")
    answer = form.validate_self_harm_answer(True, dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == [
        "utter_self_harm",
        "utter_self_harm_open",
        "utter_offer_human",
        "utter_paused",
    ]
    assert answer["intake_paused"] is True
    assert answer["self_harm_answer"] == "yes"
    assert answer["self_harm_check_due"] is False
    paused = make_tracker({**slots, **answer}, "ja", "affirm")
    assert await form.required_slots([], CollectingDispatcher(), paused, DOMAIN) == []
    # The form ends; the handover rule that follows finds nothing to hand over
    handover = CollectingDispatcher()
    assert await ActionCreateHandover().run(handover, paused, DOMAIN) == []
    assert responses(handover) == []


async def test_no_or_anything_else_gets_a_word_about_113_and_the_questions_go_on() -> None:
    form = ValidateIntakeForm()
    slots = {"worry": "ik kan niet meer", "self_harm_check_due": True}
    assert await extract("self_harm_answer", "nee", intent="deny", **slots) == {
        "self_harm_answer": False
    }
    assert await extract("self_harm_answer", "ik weet het niet", intent="ask_help", **slots) == {
        "self_harm_answer": "not_understood"
    }
    for value, recorded in ((False, "no"), ("not_understood", "unclear")):
        dispatcher = CollectingDispatcher()
        tracker = make_tracker({**slots, "requested_slot": "self_harm_answer"}, "nee", "deny")
        answer = form.validate_self_harm_answer(value, dispatcher, tracker, DOMAIN)
        assert responses(dispatcher) == ["utter_self_harm_check_no"]
        assert answer == {
            "self_harm_answer": recorded,
            "self_harm_check_due": False,
            "self_harm_question": False,
        }
        later = make_tracker({**slots, **answer}, "nee", "deny")
        required = await form.required_slots([], CollectingDispatcher(), later, DOMAIN)
        assert "self_harm_answer" not in required and required[0] == "worry"
    # A self_harm message is never read as an answer: the safety rule takes it
    assert await extract("self_harm_answer", "ja, ik wil dood", intent="self_harm", **slots) == {}


async def test_outside_the_intake_the_question_ends_the_reply_and_the_next_yes_or_no_answers() -> (
    None
):
    dispatcher = CollectingDispatcher()
    due = make_tracker({"self_harm_check_due": True}, "vaarwel allemaal", "goodbye")
    events = await ActionCheckIn().run(dispatcher, due, DOMAIN)
    assert responses(dispatcher) == ["utter_ask_self_harm_answer"]
    assert set_slots(events) == {
        "self_harm_answer": "asked",
        "self_harm_check_due": False,
        "self_harm_question": True,
    }
    assert await ActionCheckIn().run(CollectingDispatcher(), make_tracker({}), DOMAIN) == []
    waiting = {"self_harm_question": True, "self_harm_answer": "asked"}
    yes = CollectingDispatcher()
    events = await ActionAnswerSelfHarmCheck().run(
        yes, make_tracker(waiting, "ja", "affirm"), DOMAIN
    )
    assert responses(yes) == ["utter_self_harm", "utter_self_harm_open", "utter_offer_human"]
    assert set_slots(events)["self_harm_answer"] == "yes"
    assert set_slots(events)["self_harm_question"] is False
    no = CollectingDispatcher()
    events = await ActionAnswerSelfHarmCheck().run(no, make_tracker(waiting, "nee", "deny"), DOMAIN)
    assert responses(no) == ["utter_self_harm_check_no"]
    assert set_slots(events)["self_harm_answer"] == "no"


def test_a_yes_to_the_question_gets_the_same_responses_as_the_safety_rule() -> None:
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))
    [safety] = [r for r in rules["rules"] if r["rule"] == "safety first, at any moment"]
    said = [s["action"] for s in safety["steps"] if s.get("action", "").startswith("utter_")]
    assert tuple(said) == SAFETY_ANSWER


async def test_despair_in_words_not_understood_gets_the_question_not_please_rephrase() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"self_harm_check_due": True}, "3yit w safi", "nlu_fallback")
    assert await ActionHandleFallback().run(dispatcher, tracker, DOMAIN) == []
    assert responses(dispatcher) == []


async def test_the_intake_start_leaves_an_open_reply_language_open() -> None:
    """A first "3032 KL" starts the intake; the next "merhaba" may still open Turkish."""
    tracker = make_tracker(text="3032 KL", intent="inform_location")
    events = await ActionStartIntake().run(CollectingDispatcher(), tracker, DOMAIN)
    assert "language" not in set_slots(events)


async def test_after_safety_a_threat_in_the_same_words_still_gets_its_urgent_help() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"threats": ["eviction"], "municipality": "GM0344"}
    events = await ActionPauseIntake().run(dispatcher, make_tracker(slots), DOMAIN)
    assert set_slots(events)["urgent_acknowledged"] is True
    said = responses(dispatcher)
    assert (said[0], said[-1]) == ("utter_urgent", "utter_paused")
    again = CollectingDispatcher()
    slots["urgent_acknowledged"] = True
    await ActionPauseIntake().run(again, make_tracker(slots), DOMAIN)
    assert responses(again) == ["utter_paused"]  # the urgent help is not repeated


async def test_coming_back_later_asks_whether_to_go_on() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"language": "nl", "worry": "x", "municipality": "GM0344"})
    events = await ActionSessionStart().run(dispatcher, tracker, DOMAIN)
    assert events[0]["event"] == "session_started"
    assert set_slots(events)["municipality"] == "GM0344"
    assert set_slots(events)["intake_paused"] is True
    assert responses(dispatcher) == ["utter_ask_resume"]
    fresh = await ActionSessionStart().run(CollectingDispatcher(), make_tracker({}), DOMAIN)
    assert [e["event"] for e in fresh] == ["session_started", "action"]
    # A question about ending one's life left unanswered lapses: the next "ja" answers
    # "shall we go on?" (the answer it got stays known, so it is not asked again)
    asked = {"worry": "x", "self_harm_question": True, "self_harm_answer": "asked"}
    events = await ActionSessionStart().run(CollectingDispatcher(), make_tracker(asked), DOMAIN)
    assert "self_harm_question" not in set_slots(events)
    assert set_slots(events)["self_harm_answer"] == "asked"


async def test_two_misunderstandings_in_a_row_offer_choices_and_a_person() -> None:
    fallback = {"intent": {"name": "nlu_fallback"}}
    earlier = [{"event": "user", "text": "blub", "parse_data": fallback}]
    once = CollectingDispatcher()
    await ActionHandleFallback().run(once, make_tracker(intent="nlu_fallback"), DOMAIN)
    assert responses(once) == ["utter_default"]
    twice = CollectingDispatcher()
    tracker = make_tracker(intent="nlu_fallback", events=earlier)
    tracker.events[-1]["parse_data"] = fallback
    await ActionHandleFallback().run(twice, tracker, DOMAIN)
    assert responses(twice) == ["utter_default_options", "utter_offer_human"]


# --- every message -----------------------------------------------------------------------------


async def test_reply_language_follows_a_clear_message_and_ignores_ok() -> None:
    action = ActionReadMessage()
    clear = make_tracker(text="borçlarım var", language="tr", language_confidence=0.97)
    assert set_slots(await action.run(CollectingDispatcher(), clear, DOMAIN)) == {"language": "tr"}
    vague = make_tracker({"language": "tr"}, text="ok", language="nl", language_confidence=0.2)
    assert await action.run(CollectingDispatcher(), vague, DOMAIN) == []


async def test_a_first_message_without_language_does_not_fix_the_reply_language() -> None:
    action = ActionReadMessage()
    postcode = make_tracker(text="3032 KL", language="nl", language_confidence=0.0)
    assert await action.run(CollectingDispatcher(), postcode, DOMAIN) == []
    merhaba = make_tracker(text="merhaba", language="tr", language_confidence=0.7)
    assert set_slots(await action.run(CollectingDispatcher(), merhaba, DOMAIN)) == {
        "language": "tr"
    }


async def test_threats_named_later_are_added_to_the_earlier_ones() -> None:
    """An eviction named at the start must reach the handover even when an energy cut-off is
    named during the questions."""
    action = ActionReadMessage()
    energy = [{"entity": "threat", "value": "energy_cutoff"}]
    later = make_tracker({"language": "nl", "threats": ["eviction"]}, "en het gas", entities=energy)
    events = await action.run(CollectingDispatcher(), later, DOMAIN)
    assert set_slots(events) == {"threats": ["energy_cutoff", "eviction"]}
    first = make_tracker({"language": "nl"}, "gas dicht", entities=energy)
    assert set_slots(await action.run(CollectingDispatcher(), first, DOMAIN)) == {
        "threats": ["energy_cutoff"]
    }
    again = make_tracker({"language": "nl", "threats": ["energy_cutoff"]}, "gas", entities=energy)
    assert await action.run(CollectingDispatcher(), again, DOMAIN) == []
    unknown = [{"entity": "threat", "value": "bailiff"}]
    odd = make_tracker({"language": "nl"}, "x", entities=unknown)
    assert await action.run(CollectingDispatcher(), odd, DOMAIN) == []


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
    assert set_slots(events) == {"language": "ar"}


async def test_a_typed_bsn_gets_a_warning() -> None:
    dispatcher = CollectingDispatcher()
    await ActionReadMessage().run(
        dispatcher, make_tracker({"language": "nl"}, text="bsn 111222333"), DOMAIN
    )
    assert responses(dispatcher) == ["utter_sensitive_number"]
