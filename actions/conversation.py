"""Small readers of the tracker shared by the actions."""

from __future__ import annotations

from rasa_sdk import Tracker

# Rasa input channel name → the channel names partners see on a handover.
CHANNELS = {"rest": "web", "webchat": "web", "whatsapp": "whatsapp", "sms": "sms"}


def language_of(tracker: Tracker) -> str:
    """The reply language slot, defaulting to Dutch."""
    return tracker.get_slot("language") or "nl"


def channel_of(tracker: Tracker) -> str:
    """The resident's channel; ambassador mode is announced in the message metadata."""
    if message_metadata(tracker).get("ambassador_id"):
        return "ambassador"
    return CHANNELS.get(tracker.get_latest_input_channel() or "rest", "web")


def message_metadata(tracker: Tracker) -> dict:
    """Metadata the channel attached to the latest user message (e.g. ambassador mode)."""
    event = tracker.get_last_event_for("user") or {}
    return event.get("metadata") or {}


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")
