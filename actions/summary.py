"""The "klopt dit?" question: the resident checks their answers before anything is sent."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import language_of
from bot.intake.summary import resident_summary


class ActionAskSummaryConfirmed(Action):
    def name(self) -> str:
        return "action_ask_summary_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        summary = resident_summary(tracker.slots, language_of(tracker))
        dispatcher.utter_message(response="utter_ask_summary_confirmed", summary=summary)
        return []
