"""Keeps the reply language per conversation (slot ``language``), every user turn."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import latest_intent
from bot.language.sticky import choose_reply_language


class ActionDetectLanguage(Action):
    """Custom slot mapping: runs inside action_extract_slots after each message."""

    def name(self) -> str:
        return "action_detect_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        explicit = None
        if latest_intent(tracker) == "change_language":
            explicit = next(tracker.get_latest_entity_values("preferred_language"), None)
        current = tracker.get_slot("language")
        chosen = choose_reply_language(
            current,
            message.get("language"),
            float(message.get("language_confidence") or 0.0),
            explicit_choice=explicit,
        )
        return [] if chosen == current else [SlotSet("language", chosen)]
