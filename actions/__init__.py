"""Rasa SDK actions: thin adapters from the conversation to bot/ (no domain logic here)."""

from actions.handover import ActionCreateHandover, ValidateHandoverForm
from actions.intake import ActionOfferService, ValidateIntakeForm
from actions.language import ActionReadMessage

__all__ = [
    "ActionCreateHandover",
    "ActionReadMessage",
    "ActionOfferService",
    "ValidateHandoverForm",
    "ValidateIntakeForm",
]
