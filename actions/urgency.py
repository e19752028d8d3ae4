"""The municipality's urgent number, for residents facing eviction or a cut-off."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.phone import readable_phone
from bot.socialmap.lookup import municipal_desk
from bot.storage.db import session_scope


def urgent_desk_phone(municipality_code: str) -> str | None:
    """The urgent line from the social map, formatted for dialling, or None if unknown."""
    with session_scope() as session:
        desk = municipal_desk(session, municipality_code, urgent=True)
    return readable_phone(desk.phone) if desk else None


def acknowledge_urgency_once(
    dispatcher: CollectingDispatcher, tracker: Tracker, threats: Any
) -> bool:
    """Say it is urgent and, when we know the place, the municipality's urgent number; once
    per conversation. True when said now: the caller then sets ``urgent_acknowledged``."""
    if not threats or tracker.get_slot("urgent_acknowledged"):
        return False
    dispatcher.utter_message(response="utter_urgent")
    municipality_code = tracker.get_slot("municipality")
    phone = urgent_desk_phone(municipality_code) if municipality_code else None
    if phone:
        dispatcher.utter_message(response="utter_urgent_number", urgent_phone=phone)
    return True
