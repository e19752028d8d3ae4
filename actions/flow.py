"""Moving through the conversation: start, pause, resume, back, start over, stop, fallback."""

from __future__ import annotations

import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import (
    latest_intent,
    progress_events,
    reset_intake,
    self_harm_question_asked,
    slots_with,
    typed_answer,
)
from actions.urgency import acknowledge_urgency_once
from bot.intake import questions

OPENING_INTENTS = frozenset({"ask_help", "inform_urgent"})


def intake_in_progress(slots: dict[str, Any]) -> bool:
    """Some answers given and no handover made yet (answers are cleared after one)."""
    return any(slots.get(name) is not None for name in questions.QUESTIONS)


class ActionStartIntake(Action):
    """Opens the intake; the resident's first words are their worry (question 1)."""

    def name(self) -> str:
        return "action_start_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if not _introduced(tracker):
            # Someone who starts with their worry still hears who they are talking to.
            dispatcher.utter_message(response="utter_greet")
            dispatcher.utter_message(response="utter_greet_privacy")
        # Not the language slot: while no message has shown the resident's language it stays
        # open (bot/language/sticky.py: settled_language); the replies are Dutch until then.
        events = [
            SlotSet("intake_paused", False),
            SlotSet("failed_answers", 0),
        ]
        if not tracker.get_slot("intake_id"):
            events.append(SlotSet("intake_id", str(uuid.uuid4())))
        text = typed_answer(tracker)
        if not tracker.get_slot("worry") and text and latest_intent(tracker) in OPENING_INTENTS:
            events.append(SlotSet("worry", text[:1000]))
        if acknowledge_urgency_once(dispatcher, tracker, tracker.get_slot("threats")):
            events.append(SlotSet("urgent_acknowledged", True))
        return events + progress_events(slots_with(tracker, events))


def _introduced(tracker: Tracker) -> bool:
    """Whether this conversation already had the opening (assistant, free, anonymous)."""
    return any(
        event.get("event") == "action" and event.get("name") == "utter_greet_privacy"
        for event in tracker.events
    )


def pause_intake(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """After the safety answer: no more questions until the resident wants to go on.

    A threat named in the same message ("ze zetten me op straat, dan ga ik wel voor de
    trein") still gets its urgent help, right after the 113 line: self-harm wins the intent,
    it must not swallow the eviction. The direct question about ending one's life
    (actions/safety_check.py) is not asked any more: the resident has the answer to it.
    """
    events = self_harm_question_asked("yes")
    if acknowledge_urgency_once(dispatcher, tracker, tracker.get_slot("threats")):
        events.append(SlotSet("urgent_acknowledged", True))
    if not intake_in_progress(tracker.slots):
        return events
    dispatcher.utter_message(response="utter_paused")
    return [*events, SlotSet("intake_paused", True), SlotSet("requested_slot", None)]


class ActionPauseIntake(Action):
    """The end of the safety rule (data/rules.yml): see :func:`pause_intake`."""

    def name(self) -> str:
        return "action_pause_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        return pause_intake(dispatcher, tracker)


class ActionResumeIntake(Action):
    def name(self) -> str:
        return "action_resume_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        events = [SlotSet("intake_paused", False)]
        return events + progress_events(slots_with(tracker, events))


class ActionStartOver(Action):
    def name(self) -> str:
        return "action_start_over"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_start_over")
        events = [*reset_intake(), SlotSet("intake_id", str(uuid.uuid4()))]
        return events + progress_events(slots_with(tracker, events))


class ActionStopIntake(Action):
    def name(self) -> str:
        return "action_stop_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_stopped")
        return reset_intake()


class ActionGoBack(Action):
    """'terug': clear the previous answer so the form asks that question again."""

    def name(self) -> str:
        return "action_go_back"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        previous = questions.previous_question(tracker.slots, tracker.get_slot("requested_slot"))
        if previous is None:
            return []
        events = [SlotSet(name, None) for name in questions.slots_to_reset_for(previous)]
        events.append(SlotSet("requested_slot", None))
        return events + progress_events(slots_with(tracker, events))


class ActionHandleFallback(Action):
    """Not understood: ask to rephrase; the second time in a row, offer choices and a person.
    Signs of despair in the message come first (actions/safety_check.py)."""

    def name(self) -> str:
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("self_harm_check_due"):
            # Despair in words we did not understand: action_check_in, next in the rule, asks
            # about it; "please say it again" first would read as not listening.
            return []
        if _fallbacks_in_a_row(tracker) >= 2:
            dispatcher.utter_message(response="utter_default_options")
            dispatcher.utter_message(response="utter_offer_human")
        else:
            dispatcher.utter_message(response="utter_default")
        return []


def _fallbacks_in_a_row(tracker: Tracker) -> int:
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != "nlu_fallback":
            break
        count += 1
    return count


NOT_CARRIED_OVER = frozenset({"requested_slot", "session_started_metadata", "self_harm_question"})
"""Slots a new session starts without: what was being asked. A question about ending one's
life left unanswered an hour ago must not take the "ja" to "shall we go on?" as its answer."""


class ActionSessionStart(Action):
    """A new session (after an hour away): keep the answers and ask whether to go on."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        carried = [
            SlotSet(name, value)
            for name, value in tracker.slots.items()
            if value is not None and name not in NOT_CARRIED_OVER
        ]
        events: list[dict[str, Any]] = [SessionStarted(), *carried]
        if intake_in_progress(tracker.slots):
            dispatcher.utter_message(response="utter_ask_resume")
            events.append(SlotSet("intake_paused", True))
        events.append(ActionExecuted("action_listen"))
        return events
