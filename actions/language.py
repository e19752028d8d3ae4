"""Per-message bookkeeping, run by action_extract_slots after every user message.

Rasa runs a custom slot mapping's action once per turn; that makes it the one place for what
must happen on every message: keep the reply language, add the threats the message names to
the ones already known (a plain entity mapping would replace an eviction named at the start by
an energy cut-off named during the questions, and the handover would lose it), warn when
a BSN or IBAN was typed (the tracker store removes it before storing; the resident should
know not to share it), and keep track of the question about ending one's life
(actions/safety_check.py).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import latest_text
from actions.safety_check import events_for_message
from bot.language.sticky import requested_language, settled_language
from bot.nlu.matching.threats import THREATS
from bot.privacy.redact import contains_sensitive_number


class ActionReadMessage(Action):
    def name(self) -> str:
        return "action_read_message"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if contains_sensitive_number(latest_text(tracker)):
            dispatcher.utter_message(response="utter_sensitive_number")
        message = tracker.latest_message or {}
        current = tracker.get_slot("language")
        chosen = settled_language(
            current,
            message.get("language"),
            float(message.get("language_confidence") or 0.0),
            explicit_choice=requested_language(message),
        )
        # None: nothing showed the resident's language yet ("slm", a postcode); the replies
        # stay Dutch and the next message may still open the conversation in its language.
        events = [] if chosen is None or chosen == current else [SlotSet("language", chosen)]
        return events + merged_threats(tracker, message) + events_for_message(tracker)


def merged_threats(tracker: Tracker, message: dict[str, Any]) -> list[dict[str, Any]]:
    """The threat slot with this message's threat entities added, if it adds any."""
    named = {
        e.get("value")
        for e in message.get("entities") or []
        if e.get("entity") == "threat" and e.get("value") in THREATS
    }
    known = tracker.get_slot("threats")
    known = set(known) if isinstance(known, list) else set()
    if not named or named <= known:
        return []
    return [SlotSet("threats", sorted(known | named))]
