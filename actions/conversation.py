"""Small readers of the tracker shared by the actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.intake.questions import INTAKE_SLOTS, progress

# Rasa input channel name → the channel names partners see on a handover.
CHANNELS = {"rest": "web", "webchat": "web", "whatsapp": "whatsapp", "sms": "sms"}
# Messages that are about the conversation itself, not an answer to the question asked.
INTERRUPTIONS = frozenset(
    {
        "self_harm",
        "stop",
        "start_over",
        "go_back",
        "request_human",
        "ask_privacy",
        "bot_challenge",
        "change_language",
    }
)


def language_of(tracker: Tracker) -> str:
    """The reply language slot, defaulting to Dutch."""
    return tracker.get_slot("language") or "nl"


def message_metadata(tracker: Tracker) -> dict:
    """Metadata the channel attached to the latest user message (e.g. ambassador mode)."""
    event = tracker.get_last_event_for("user") or {}
    return event.get("metadata") or {}


def channel_of(tracker: Tracker) -> str:
    """The resident's channel; ambassador mode is announced in the message metadata."""
    if message_metadata(tracker).get("ambassador_id"):
        return "ambassador"
    return CHANNELS.get(tracker.get_latest_input_channel() or "rest", "web")


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def typed_answer(tracker: Tracker) -> str | None:
    """The resident's text, or None for a button payload such as '/affirm'."""
    text = latest_text(tracker).strip()
    return text if text and not text.startswith("/") else None


def self_harm_question_asked(answer: str, *, waiting: bool = False) -> list[dict[str, Any]]:
    """The question about ending one's life (actions/safety_check.py) was asked or answered
    and is never due again: ``answer`` is "asked", "yes", "no" or "unclear"; ``waiting`` when
    it was asked outside the intake and the next message answers it."""
    return [
        SlotSet("self_harm_answer", answer),
        SlotSet("self_harm_check_due", False),
        SlotSet("self_harm_question", waiting),
    ]


def slot_values(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slot values ``events`` set, as a form validation method returns them."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def slots_with(tracker: Tracker, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slots as they will be once ``events`` are applied."""
    return {**tracker.slots, **slot_values(events)}


def progress_events(slots: dict[str, Any]) -> list[dict[str, Any]]:
    """Slots the question texts use for "vraag 3 van 11"."""
    position = progress(slots)
    if position is None:
        return []
    return [SlotSet("question_no", str(position[0])), SlotSet("question_total", str(position[1]))]


def reset_intake() -> list[dict[str, Any]]:
    """Forget every intake answer (the language stays: it is how we talk, not what we know)."""
    return [SlotSet(name, None) for name in INTAKE_SLOTS] + [SlotSet("requested_slot", None)]
