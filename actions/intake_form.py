"""The intake form: reads each answer (typed or clicked), checks it, and keeps progress.

Every question reads its answer through bot/intake/answers.py. A message that is about the
conversation itself (stop, back, a person, privacy...) is not taken as an answer, so the form
steps aside and the rule for that message runs; safety (self_harm) always steps aside.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.conversation import (
    INTERRUPTIONS,
    language_of,
    latest_intent,
    progress_events,
    slot_values,
    slots_with,
    typed_answer,
)
from actions.safety_check import answer_question
from actions.urgency import acknowledge_urgency_once, urgent_desk_phone
from bot.geo import default_registry
from bot.handover.service import normalise_phone
from bot.intake import answers, questions
from bot.nlu.matching import find_municipality, find_threats

SUGGESTIONS = 3
OFFER_HUMAN_AFTER = 2  # misunderstood answers in a row before we offer a person


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_intake_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return questions.required_slots(tracker.slots)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        answered = any(
            e.get("event") == "slot" and e.get("name") != "requested_slot" for e in events
        )
        # Only when this turn filled something: otherwise the form must be free to step
        # aside (Rasa rejects a form turn that sets nothing) so the interruption rule runs.
        if answered:
            events.extend(progress_events(slots_with(tracker, events)))
        return events

    # --- reading answers -------------------------------------------------------------

    def _answer(self, tracker: Tracker, slot: str, *, parsed: bool = False) -> str | None:
        """The text answering ``slot``, or None when it was not asked or is an interruption.

        ``parsed`` answers (choices) are taken even when the classifier thought the message
        was an interruption ("Bellen" can look like asking for a person); safety never is.
        """
        if tracker.get_slot("requested_slot") != slot:
            return None
        intent = latest_intent(tracker)
        if intent == "self_harm":
            return None
        if intent in INTERRUPTIONS and not parsed:
            return None
        return typed_answer(tracker)

    def _choice(self, tracker: Tracker, slot: str) -> str | None:
        """Text for a choice question; the caller drops it if no option is recognised and
        the message was an interruption."""
        return self._answer(tracker, slot, parsed=True)

    async def extract_worry(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._answer(tracker, "worry")
        return {"worry": text} if text else {}

    async def extract_debt_kinds(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._choice(tracker, "debt_kinds")
        if text is None:
            return {}
        kinds = answers.debt_kinds(text, language_of(tracker))
        if not kinds and latest_intent(tracker) in INTERRUPTIONS:
            return {}
        if not kinds:
            kinds = ["none"] if answers.is_no(text, language_of(tracker)) else ["other"]
        return {"debt_kinds": kinds}

    async def extract_threats(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._choice(tracker, "threats")
        if text is None:
            return {}
        language = language_of(tracker)
        found = find_threats(text, language)
        if found:
            return {"threats": sorted(set(found) | set(tracker.get_slot("threats") or []))}
        if answers.is_no(text, language) or latest_intent(tracker) == "deny":
            return {"threats": []}
        if latest_intent(tracker) in INTERRUPTIONS:
            return {}
        return {"threats": "not_understood"}

    async def extract_threat_date(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._answer(tracker, "threat_date")
        return {"threat_date": text[:100]} if text else {}

    async def extract_life_domains(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._choice(tracker, "life_domains")
        if text is None:
            return {}
        domains = answers.life_domains(text, language_of(tracker))
        if not domains and latest_intent(tracker) in INTERRUPTIONS:
            return {}
        if not domains and not answers.is_no(text, language_of(tracker)):
            domains = ["other"]
        return {"life_domains": domains}

    async def extract_municipality(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A bare answer ("zaandam", "3511ab") counts when we just asked for the place."""
        if next(tracker.get_latest_entity_values("municipality"), None):
            return {}
        text = self._answer(tracker, "municipality")
        return {"municipality": text} if text else {}

    async def extract_other_help(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "other_help":
            return {}
        text = self._answer(tracker, "other_help")
        if not text and latest_intent(tracker) == "deny":
            return {"other_help": "none"}
        if not text:
            return {}
        return {"other_help": "none" if answers.is_no(text, language_of(tracker)) else text[:300]}

    async def extract_helper_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._choice(tracker, "helper_language")
        if text is None:
            return {}
        choice = answers.helper_language(text, language_of(tracker))
        if choice is None and latest_intent(tracker) in INTERRUPTIONS:
            return {}
        return {"helper_language": choice or "not_understood"}

    async def extract_self_harm_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._yes_no(tracker, "self_harm_answer")

    async def extract_consent(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._yes_no(tracker, "consent")

    async def extract_summary_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._yes_no(tracker, "summary_confirmed")

    def _yes_no(self, tracker: Tracker, slot: str) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != slot:
            return {}
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {slot: True}
        if intent == "deny":
            return {slot: False}
        text = self._answer(tracker, slot)
        if not text:
            return {}
        language = language_of(tracker)
        if answers.is_no(text, language):
            return {slot: False}
        if answers.is_yes(text, language):
            return {slot: True}
        return {slot: "not_understood"}

    async def extract_contact_method(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._choice(tracker, "contact_method")
        if text is None:
            return {}
        method = answers.contact_method(text, language_of(tracker))
        if method is None and latest_intent(tracker) in INTERRUPTIONS:
            return {}
        return {"contact_method": method or "not_understood"}

    async def extract_contact_value(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._answer(tracker, "contact_value", parsed=True)
        return {"contact_value": text} if text else {}

    async def extract_contact_time(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._choice(tracker, "contact_time")
        if text is None:
            return {}
        return {"contact_time": answers.contact_time(text, language_of(tracker)) or text[:60]}

    async def extract_correction_field(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._choice(tracker, "correction_field")
        if text is None:
            return {}
        found = answers.correction_field(text, language_of(tracker))
        return {"correction_field": found or "not_understood"}

    # --- checking answers ------------------------------------------------------------

    def _not_understood(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, response: str
    ) -> dict[str, Any]:
        """Ask again; after two misunderstandings in a row, also offer a person."""
        dispatcher.utter_message(response=response)
        failures = int(tracker.get_slot("failed_answers") or 0) + 1
        if failures >= OFFER_HUMAN_AFTER:
            dispatcher.utter_message(response="utter_offer_human")
            failures = 0
        return {slot: None, "failed_answers": failures}

    def validate_threats(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value == "not_understood":
            return self._not_understood(
                dispatcher, tracker, "threats", "utter_not_understood_answer"
            )
        threats = list(value or [])
        result: dict[str, Any] = {"threats": threats, "failed_answers": 0}
        if acknowledge_urgency_once(dispatcher, tracker, threats):
            result["urgent_acknowledged"] = True
        return result

    def validate_municipality(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Resolve to a CBS code; otherwise ask again, with suggestions when we have them."""
        registry = default_registry()
        typed = str(value or "")
        found = registry.resolve(typed) if typed else None
        code = found.code if found else find_municipality(typed, expected=True)
        if code is not None:
            if tracker.get_slot("threats") and tracker.get_slot("urgent_acknowledged"):
                phone = urgent_desk_phone(code)
                if phone:
                    dispatcher.utter_message(response="utter_urgent_number", urgent_phone=phone)
            return {"municipality": code, "municipality_suggestions": None, "failed_answers": 0}
        suggestions = registry.suggest(typed, limit=SUGGESTIONS)
        if suggestions:
            names = ", ".join(municipality.name for municipality in suggestions)
            dispatcher.utter_message(
                response="utter_municipality_not_found", municipality_suggestions=names
            )
            return {"municipality": None, "municipality_suggestions": names}
        return self._not_understood(
            dispatcher, tracker, "municipality", "utter_municipality_unknown"
        )

    def validate_self_harm_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The direct question about ending one's life (actions/safety_check.py): asked once,
        never again after any answer; yes pauses the intake (required_slots is then empty)."""
        said_yes = value if isinstance(value, bool) else None
        return slot_values(answer_question(dispatcher, tracker, said_yes))

    def validate_helper_language(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value == "not_understood":
            return self._not_understood(
                dispatcher, tracker, "helper_language", "utter_not_understood_answer"
            )
        return {"helper_language": value, "failed_answers": 0}

    def validate_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value == "not_understood":
            return self._not_understood(
                dispatcher, tracker, "consent", "utter_not_understood_answer"
            )
        return {"consent": value, "failed_answers": 0}

    def validate_summary_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value == "not_understood":
            return self._not_understood(
                dispatcher, tracker, "summary_confirmed", "utter_not_understood_answer"
            )
        return {"summary_confirmed": value, "failed_answers": 0}

    def validate_correction_field(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Clear what the resident wants to change; the form then asks it again."""
        if value not in questions.CORRECTIONS:
            return self._not_understood(
                dispatcher, tracker, "correction_field", "utter_not_understood_answer"
            )
        cleared = {name: None for name in questions.CORRECTIONS[value]}
        return {**cleared, "correction_field": None, "summary_confirmed": None}

    def validate_contact_method(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value == "not_understood":
            return self._not_understood(
                dispatcher, tracker, "contact_method", "utter_not_understood_answer"
            )
        return {"contact_method": value, "contact_value": None, "failed_answers": 0}

    def validate_contact_value(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Phone numbers through `phonenumbers` (Dutch and international), or an e-mail."""
        if tracker.get_slot("contact_method") == "email":
            email = answers.email_address(str(value or ""))
            if email is None:
                return self._not_understood(
                    dispatcher, tracker, "contact_value", "utter_invalid_email"
                )
            return {"contact_value": email, "failed_answers": 0}
        phone = normalise_phone(str(value or ""))
        if phone is None:
            return self._not_understood(dispatcher, tracker, "contact_value", "utter_invalid_phone")
        return {"contact_value": phone, "failed_answers": 0}
