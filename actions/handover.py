"""Consent, contact details and the creation of the handover."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import channel_of, language_of, message_metadata
from bot.handover.service import HandoverRequest, normalise_phone, submit_handover
from bot.intake.triage import Route
from bot.language.dates import format_day


class ValidateHandoverForm(FormValidationAction):
    def name(self) -> str:
        return "validate_handover_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Without consent we ask nothing more: the form ends right there."""
        if tracker.get_slot("consent") is False:
            return ["consent"]
        return domain_slots

    def validate_phone(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        phone = normalise_phone(str(value or ""))
        if phone is None:
            dispatcher.utter_message(response="utter_invalid_phone")
        return {"phone": phone}


class ActionCreateHandover(Action):
    """Creates the handover once consent and a valid number are there, then says who calls."""

    def name(self) -> str:
        return "action_create_handover"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        offer = tracker.get_slot("offer") or {}
        phone = tracker.get_slot("phone")
        if tracker.get_slot("consent") is not True or not offer or not phone:
            dispatcher.utter_message(
                response="utter_no_consent", offered_phone=tracker.get_slot("offered_phone")
            )
            return _forget_contact()
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
                contact_method="phone",
                contact_value=phone,
                consent_given=True,
                threats=tuple(tracker.get_slot("threats") or ()),
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
        return [SlotSet("handover_due", due), *_forget_contact()]


def _forget_contact() -> list[dict[str, Any]]:
    """The number now lives sealed in the handover; the conversation need not keep it."""
    return [SlotSet("phone", None), SlotSet("consent", None), SlotSet("intake_id", None)]
