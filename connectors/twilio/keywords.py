"""Twilio's standard opt-out and opt-in keywords, honoured for WhatsApp as well as SMS.

Only a message that is nothing but the keyword counts: "ik wil stoppen met roken" or
"stop de deurwaarder" is an ordinary message.
"""

from __future__ import annotations

from typing import Literal

STOP_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
START_WORDS = frozenset({"start", "yes", "unstop"})

Keyword = Literal["stop", "start"]


def keyword(body: str | None) -> Keyword | None:
    """Returns "stop" or "start" when the whole message is such a keyword (any case), else None."""
    word = (body or "").strip().rstrip(".!").strip().casefold()
    if word in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    return None
