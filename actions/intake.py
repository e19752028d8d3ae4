"""The intake form (where do you live) and the offer of a matching local organisation."""

from __future__ import annotations

import uuid
from typing import Any

import phonenumbers
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import language_of, latest_text
from bot.geo import default_registry
from bot.nlu.matching import find_municipality
from bot.intake.triage import IntakeFacts, Route, decide_route
from bot.socialmap.lookup import find_services, municipal_desk
from bot.storage.db import session_scope

SUGGESTIONS = 3


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_intake_form"

    async def extract_municipality(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A bare answer ("zaandam", "3511ab") counts when we just asked for the place."""
        if tracker.get_slot("requested_slot") != "municipality":
            return {}
        if next(tracker.get_latest_entity_values("municipality"), None):
            return {}
        text = latest_text(tracker).strip()
        return {"municipality": text} if text and not text.startswith("/") else {}

    def validate_municipality(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Resolve to a CBS code; otherwise ask again, with suggestions when we have them."""
        registry = default_registry()
        typed = str(value or "")
        found = registry.resolve(typed) if typed else None
        code = found.code if found else find_municipality(typed, expected=True)
        if code is not None:
            return {"municipality": code, "municipality_suggestions": None}
        suggestions = registry.suggest(typed, limit=SUGGESTIONS)
        if suggestions:
            names = ", ".join(municipality.name for municipality in suggestions)
            dispatcher.utter_message(
                response="utter_municipality_not_found", municipality_suggestions=names
            )
        else:
            dispatcher.utter_message(response="utter_municipality_unknown")
        return {"municipality": None}


class ActionOfferService(Action):
    """Triage, then look up the best local service on the social map and offer it."""

    def name(self) -> str:
        return "action_offer_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        municipality_code = tracker.get_slot("municipality")
        decision = decide_route(IntakeFacts(threats=frozenset(tracker.get_slot("threats") or [])))
        urgent = decision.route is Route.URGENT
        with session_scope() as session:
            matches = find_services(
                session,
                municipality_code=municipality_code,
                route=decision.route.value,
                language=language,
                urgent=urgent,
                limit=1,
            )
            match = matches[0] if matches else municipal_desk(session, municipality_code)
        if match is None:
            dispatcher.utter_message(response="utter_offer_human")
            return [SlotSet("offer", None)]
        dispatcher.utter_message(
            response="utter_offer_service", offered_organization=match.organization_name
        )
        offer = {
            "service_id": match.service_id,
            "organization_id": match.organization_id,
            "organization_name": match.organization_name,
            "route": decision.route.value,
            "route_reason": decision.reason,
            "reason": match.reason,
        }
        return [
            SlotSet("offer", offer),
            SlotSet("offered_organization", match.organization_name),
            SlotSet("offered_phone", _readable_phone(match.phone)),
            SlotSet("intake_id", tracker.get_slot("intake_id") or str(uuid.uuid4())),
            SlotSet("consent", None),
            SlotSet("phone", None),
        ]


def _readable_phone(e164: str | None) -> str | None:
    """'030 123 4567' rather than '+31301234567' for a resident who will dial it."""
    if not e164:
        return None
    return phonenumbers.format_number(
        phonenumbers.parse(e164, "NL"), phonenumbers.PhoneNumberFormat.NATIONAL
    )
