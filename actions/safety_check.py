"""The direct question about ending one's life, asked once when a message showed despair.

The NLU marks a message ``self_harm_check`` (bot/nlu/safety.py: needs_self_harm_check) when it
shows despair without words about ending one's life, or the classifier half-thought of
self-harm. The bot then asks, once per conversation, with 113 in the same message:
- during the intake the form asks it before its next question (the ``self_harm_answer`` slot,
  bot/intake/questions.py), so the resident's "ja" or "nee" answers this question and no other;
- outside the intake, ``action_check_in`` asks it at the end of the reply, and the next "ja" or
  "nee" is read by the rules conditioned on ``self_harm_question``.
Yes gets the same answer as a self_harm message (113, a person, the money questions wait); no
or anything else gets a short word that 113 stays there, and the conversation goes on.

Slots: ``self_harm_check_due`` (a message showed signs, the question is not asked yet),
``self_harm_question`` (asked outside the intake, the answer is the next message) and
``self_harm_answer`` (None until asked: then "asked", "yes", "no" or "unclear").
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import latest_intent, self_harm_question_asked
from actions.flow import pause_intake
from bot.nlu.safety import SELF_HARM_CHECK

QUESTION = "utter_ask_self_harm_answer"
ANSWERS_TO_QUESTION = frozenset({"affirm", "deny"})
SAFETY_ANSWER = ("utter_self_harm", "utter_self_harm_open", "utter_offer_human")
"""The responses of the safety rule in data/rules.yml, said here for a yes to the question.
The rule keeps them as its own steps: Rasa says those without the action server, so a
self_harm message gets the 113 line even when this server is down (a test keeps both equal)."""


def events_for_message(tracker: Tracker) -> list[dict[str, Any]]:
    """Per-message bookkeeping (action_read_message): mark the question due when this message
    shows signs and it was never asked; let an unanswered outside question lapse."""
    message = tracker.latest_message or {}
    events: list[dict[str, Any]] = []
    if (
        message.get(SELF_HARM_CHECK)
        and tracker.get_slot("self_harm_answer") is None
        and not tracker.get_slot("self_harm_check_due")
    ):
        events.append(SlotSet("self_harm_check_due", True))
    if tracker.get_slot("self_harm_question") and latest_intent(tracker) not in (
        ANSWERS_TO_QUESTION
    ):
        events.append(SlotSet("self_harm_question", False))
    return events


def answer_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, said_yes: bool | None
) -> list[dict[str, Any]]:
    """Reply to the resident's answer (None: neither yes nor no) and record it."""
    if said_yes:
        for response in SAFETY_ANSWER:
            dispatcher.utter_message(response=response)
        return pause_intake(dispatcher, tracker)  # records the answer "yes"
    dispatcher.utter_message(response="utter_self_harm_check_no")
    return self_harm_question_asked("no" if said_yes is False else "unclear")


class ActionCheckIn(Action):
    """Outside the intake: ask the question when a message showed despair (at the end of the
    reply, so the next "ja" or "nee" answers it)."""

    def name(self) -> str:
        return "action_check_in"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if not tracker.get_slot("self_harm_check_due"):
            return []
        dispatcher.utter_message(response=QUESTION)
        return self_harm_question_asked("asked", waiting=True)


class ActionAnswerSelfHarmCheck(Action):
    """Outside the intake: the resident's "ja" or "nee" to the question."""

    def name(self) -> str:
        return "action_answer_self_harm_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        said_yes = True if intent == "affirm" else False if intent == "deny" else None
        return answer_question(dispatcher, tracker, said_yes)
