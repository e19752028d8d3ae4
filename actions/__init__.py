"""Rasa SDK actions: thin adapters from the conversation to bot/ (no domain logic here)."""

from actions.flow import (
    ActionGoBack,
    ActionHandleFallback,
    ActionPauseIntake,
    ActionResumeIntake,
    ActionSessionStart,
    ActionStartIntake,
    ActionStartOver,
    ActionStopIntake,
)
from actions.handover import ActionCreateHandover
from actions.intake_form import ValidateIntakeForm
from actions.language import ActionReadMessage
from actions.offer import ActionAskConsent
from actions.safety_check import ActionAnswerSelfHarmCheck, ActionCheckIn
from actions.summary import ActionAskSummaryConfirmed
from bot.nlu.matching import warm_up

# The action server imports this package at start-up: build the matchers before it is ready.
warm_up()

__all__ = [
    "ActionAnswerSelfHarmCheck",
    "ActionAskConsent",
    "ActionAskSummaryConfirmed",
    "ActionCheckIn",
    "ActionCreateHandover",
    "ActionGoBack",
    "ActionHandleFallback",
    "ActionPauseIntake",
    "ActionReadMessage",
    "ActionResumeIntake",
    "ActionSessionStart",
    "ActionStartIntake",
    "ActionStartOver",
    "ActionStopIntake",
    "ValidateIntakeForm",
]
