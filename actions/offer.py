"""Asking consent: triage, the offer from the social map, and the question that names it.

This is the form's question for the ``consent`` slot, so the organisation is looked up at
the moment it is named, with everything the intake learned so far.
"""

from __future__ import annotations

import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import language_of
from actions.phone import readable_phone
from bot.intake import answers, content
from bot.intake.triage import IntakeFacts, Route, RouteDecision, decide_route
from bot.socialmap.lookup import ServiceMatch, find_services, municipal_desk
from bot.storage.db import session_scope


def intake_facts(tracker: Tracker, language: str) -> IntakeFacts:
    """What triage needs, from the answers (free-text answers count as 'other')."""
    kinds = set(tracker.get_slot("debt_kinds") or [])
    domains = set(tracker.get_slot("life_domains") or []) - {"other"}
    return IntakeFacts(
        threats=frozenset(tracker.get_slot("threats") or []),
        has_debts=kinds != {"none"},
        debt_kinds=frozenset(kinds - {"none", "other"}),
        requests=frozenset(answers.requests(tracker.get_slot("worry") or "", language)),
        life_domains=frozenset(domains),
    )


def find_offer(
    municipality_code: str, decision: RouteDecision, language: str
) -> ServiceMatch | None:
    """The best service for the route; self-help residents are offered a volunteer."""
    route = Route.VOLUNTEER if decision.route is Route.SELF_HELP else decision.route
    urgent = route is Route.URGENT
    with session_scope() as session:
        matches = find_services(
            session,
            municipality_code=municipality_code,
            route=route.value,
            language=language,
            urgent=urgent,
            limit=1,
        )
        return matches[0] if matches else municipal_desk(session, municipality_code, urgent=urgent)


class ActionAskConsent(Action):
    def name(self) -> str:
        return "action_ask_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        decision = decide_route(intake_facts(tracker, language))
        helper_language = tracker.get_slot("helper_language")
        match = find_offer(
            tracker.get_slot("municipality"),
            decision,
            helper_language if helper_language in content.LANGUAGES else language,
        )
        if match is None:  # no help known for this place: say so, pass nothing on
            dispatcher.utter_message(response="utter_offer_human")
            return [SlotSet("consent", False), SlotSet("offer", None)]
        name = match.organization_name
        if decision.route is Route.SELF_HELP:
            dispatcher.utter_message(response="utter_self_help_intro")
            for tip in content.tips(language):
                dispatcher.utter_message(text=tip)
            dispatcher.utter_message(
                response="utter_ask_consent_volunteer", offered_organization=name
            )
        else:
            if decision.route is Route.PROFESSIONAL:
                dispatcher.utter_message(response="utter_offer_professional")
            dispatcher.utter_message(response="utter_offer_service", offered_organization=name)
            dispatcher.utter_message(response="utter_ask_consent", offered_organization=name)
        offer = {
            "service_id": match.service_id,
            "organization_id": match.organization_id,
            "organization_name": name,
            "route": decision.route.value,
            "route_reason": decision.reason,
            "reason": match.reason,
        }
        return [
            SlotSet("offer", offer),
            SlotSet("offered_organization", name),
            SlotSet("offered_phone", readable_phone(match.phone)),
            SlotSet("intake_id", tracker.get_slot("intake_id") or str(uuid.uuid4())),
        ]
