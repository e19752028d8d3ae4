"""The end of the intake: create the handover (only with consent) and say who will call."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import channel_of, language_of, message_metadata, reset_intake
from bot.handover.service import HandoverRequest, submit_handover
from bot.intake.summary import handover_summary
from bot.intake.triage import Route
from bot.language.dates import format_day


class ActionCreateHandover(Action):
    def name(self) -> str:
        return "action_create_handover"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("intake_paused"):
            # The form ended because the resident said yes to the question about ending
            # their life (actions/safety_check.py): nothing to hand over, the answers wait.
            return []
        offer = tracker.get_slot("offer") or {}
        contact = tracker.get_slot("contact_value")
        ready = (
            tracker.get_slot("consent") is True
            and tracker.get_slot("summary_confirmed") is True
            and offer
            and contact
        )
        if not ready:
            phone = tracker.get_slot("offered_phone")
            if phone:
                dispatcher.utter_message(response="utter_no_consent", offered_phone=phone)
            else:
                dispatcher.utter_message(response="utter_no_consent_no_phone")
            return reset_intake()
        language = language_of(tracker)
        metadata = message_metadata(tracker)
        handover, _created = submit_handover(
            HandoverRequest(
                conversation_id=tracker.sender_id,
                intake_id=tracker.get_slot("intake_id") or tracker.sender_id,
                channel=channel_of(tracker),
                language=language,
                municipality_code=tracker.get_slot("municipality"),
                route=Route(offer["route"]),
                route_reason=offer["route_reason"],
                organization_id=offer["organization_id"],
                service_id=offer["service_id"],
                receiver_name=offer["organization_name"],
                contact_method=tracker.get_slot("contact_method") or "phone",
                contact_value=contact,
                consent_given=True,
                threats=tuple(tracker.get_slot("threats") or ()),
                summary=handover_summary(tracker.slots, offer["route_reason"]),
                referrer_ambassador_id=metadata.get("ambassador_id"),
                referrer_meeting_code=metadata.get("meeting_code"),
            )
        )
        due = format_day(handover.due_at, language)
        dispatcher.utter_message(
            response="utter_handover_done",
            offered_organization=offer["organization_name"],
            handover_due=due,
        )
        dispatcher.utter_message(response="utter_no_retelling")
        # The answers now live in the handover (contact sealed); the conversation forgets them.
        return [*reset_intake(), SlotSet("handover_due", due)]
