"""The intake questions: their order, which apply now, and the progress shown to residents.

One place decides what is asked, so the form, "terug" (back), corrections and the
progress counter ("vraag 3 van 11") always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Asked in this order; threat_date only when a threat was named.
QUESTIONS = (
    "worry",
    "debt_kinds",
    "threats",
    "threat_date",
    "life_domains",
    "municipality",
    "other_help",
    "helper_language",
    "consent",
    "contact_method",
    "contact_value",
    "contact_time",
)
CONFIRMATION = "summary_confirmed"
CORRECTION = "correction_field"
SAFETY_CHECK = "self_harm_answer"
"""Not an intake question: asked first, outside the count, when a message showed despair
(bot/nlu/safety.py: needs_self_harm_check; actions/safety_check.py)."""

# What a correction resets. Changing debts, place or helper language can change the route
# or the organisation, and consent named the organisation: so consent is asked again.
CORRECTIONS = {
    "debts": ("debt_kinds", "threats", "threat_date", "life_domains", "consent"),
    "municipality": ("municipality", "consent"),
    "language": ("helper_language", "consent"),
    "contact": ("contact_method", "contact_value", "contact_time"),
}
# Answers that decide who the offer goes to: going back over them also asks consent again.
OFFER_INPUTS = frozenset(
    {"debt_kinds", "threats", "life_domains", "municipality", "helper_language"}
)


def _filled(slots: Mapping[str, Any], name: str) -> bool:
    return slots.get(name) is not None


def applicable_questions(slots: Mapping[str, Any]) -> list[str]:
    """The questions that apply given the answers so far."""
    questions = [q for q in QUESTIONS if q != "threat_date" or slots.get("threats")]
    if slots.get("consent") is False:  # no consent: nothing more to ask
        return questions[: questions.index("consent") + 1]
    return questions


def required_slots(slots: Mapping[str, Any]) -> list[str]:
    """Everything the form must fill, including the confirmation and a pending correction.

    A pending question about ending one's life comes before everything; a paused intake (the
    resident said yes to it) asks nothing more until the resident wants to go on.
    """
    if slots.get("intake_paused"):
        return []
    required = applicable_questions(slots)
    if slots.get("self_harm_check_due"):
        required.insert(0, SAFETY_CHECK)
    if slots.get("consent") is False:
        return required
    if slots.get(CONFIRMATION) is False:
        required.append(CORRECTION)
    required.append(CONFIRMATION)
    return required


def next_question(slots: Mapping[str, Any]) -> str | None:
    return next((q for q in required_slots(slots) if not _filled(slots, q)), None)


def progress(slots: Mapping[str, Any]) -> tuple[int, int] | None:
    """(number, total) of the next question, or None when the next step is not a question."""
    questions = applicable_questions(slots)
    upcoming = next_question(slots)
    if upcoming not in questions:
        return None
    return questions.index(upcoming) + 1, len(questions)


def previous_question(slots: Mapping[str, Any], current: str | None) -> str | None:
    """The answered question before ``current`` (for "terug"), or None at the start."""
    questions = applicable_questions(slots)
    earlier = questions[: questions.index(current)] if current in questions else questions
    answered = [q for q in earlier if _filled(slots, q)]
    return answered[-1] if answered else None


def slots_to_reset_for(question: str) -> tuple[str, ...]:
    """Going back to ``question`` clears it, and consent when the offer may change."""
    if question in OFFER_INPUTS:
        return (question, "consent", CONFIRMATION)
    return (question, CONFIRMATION)


INTAKE_SLOTS = (
    *QUESTIONS,
    CONFIRMATION,
    CORRECTION,
    "offer",
    "offered_organization",
    "offered_phone",
    "intake_id",
    "failed_answers",
    "intake_paused",
    "urgent_acknowledged",
    "municipality_suggestions",
)
