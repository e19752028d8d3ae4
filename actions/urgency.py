"""The municipality's urgent number, for residents facing eviction or a cut-off."""

from __future__ import annotations

from actions.phone import readable_phone
from bot.socialmap.lookup import municipal_desk
from bot.storage.db import session_scope


def urgent_desk_phone(municipality_code: str) -> str | None:
    """The urgent line from the social map, formatted for dialling, or None if unknown."""
    with session_scope() as session:
        desk = municipal_desk(session, municipality_code, urgent=True)
    return readable_phone(desk.phone) if desk else None
