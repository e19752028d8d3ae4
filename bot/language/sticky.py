"""Which language to answer in: sticky per conversation, switched only on clear evidence.

Why sticky: people who write Turkish or Darija still type "ok", "ja" or a postcode, and a
bilingual resident may drop one Dutch word into a Turkish conversation. Flipping the reply
language on every such message would be confusing, so only an explicit choice or a clear,
confident message in another language changes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SUPPORTED = ("nl", "tr", "ar")
DEFAULT_LANGUAGE = "nl"
SWITCH_THRESHOLD = 0.8
OPENING_THRESHOLD = 0.5

_ALIASES = {
    "dutch": "nl",
    "nederlands": "nl",
    "turkish": "tr",
    "turks": "tr",
    "türkçe": "tr",
    "turkce": "tr",
    "arabic": "ar",
    "arabisch": "ar",
    "darija": "ar",
    "ary": "ar",
}


def normalise_language(value: str | None) -> str | None:
    """Map "TR", "tr-NL", "turks" to "tr"; anything we do not answer in to None."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-")
    code = _ALIASES.get(code, code.split("-", 1)[0])
    return code if code in SUPPORTED else None


CHANGE_LANGUAGE = "change_language"
PREFERRED_LANGUAGE = "preferred_language"


def requested_language(parse_data: Mapping[str, Any]) -> str | None:
    """The language a change_language message names ("kan het in het Turks?" -> "tr").

    Only for that intent: "ik ben Turks" or "is er iemand die Arabisch spreekt" (a request
    for a person) asks for no other reply language.
    """
    if (parse_data.get("intent") or {}).get("name") != CHANGE_LANGUAGE:
        return None
    for entity in parse_data.get("entities") or []:
        if entity.get("entity") == PREFERRED_LANGUAGE:
            return normalise_language(entity.get("value"))
    return None


def choose_reply_language(
    current: str | None,
    detected: str | None,
    confidence: float,
    explicit_choice: str | None = None,
    threshold: float = SWITCH_THRESHOLD,
    initial_threshold: float = OPENING_THRESHOLD,
) -> str:
    """The language to reply in after this message.

    - An explicit choice (button, change_language entity) always wins.
    - Without a current language the first message decides if it is at least somewhat
      clear (``initial_threshold``): "merhaba" opens a Turkish conversation, "ok" does not.
    - Otherwise a different detected language needs ``threshold`` confidence, which a
      single word such as "ja" or "evet" does not reach by design.
    - Nothing known at all: Dutch.

    Darija in Latin letters is detected as "ar", so it switches to Arabic like Arabic script.
    """
    chosen = normalise_language(explicit_choice)
    if chosen:
        return chosen
    current = normalise_language(current)
    detected = normalise_language(detected)
    if detected is None or detected == current:
        return current or DEFAULT_LANGUAGE
    if current is None:
        return detected if confidence >= initial_threshold else DEFAULT_LANGUAGE
    return detected if confidence >= threshold else current


def settled_language(
    current: str | None,
    detected: str | None,
    confidence: float,
    explicit_choice: str | None = None,
) -> str | None:
    """The conversation's language to keep after this message, or None while no message has
    shown it yet.

    Why not Dutch at once: a Turkish resident who opens with "slm" or a postcode and then
    writes "merhaba" should get Turkish. If "slm" fixed the conversation to Dutch, "merhaba"
    would need the switching confidence that one word never reaches. Until then the replies
    are Dutch anyway (the responses' default), and the next message is judged as a first one.
    """
    nothing_known = normalise_language(current) is None and not normalise_language(explicit_choice)
    unclear = normalise_language(detected) is None or confidence < OPENING_THRESHOLD
    if nothing_known and unclear:
        return None
    return choose_reply_language(current, detected, confidence, explicit_choice)
