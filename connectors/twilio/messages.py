"""The channel's own texts (messages.yml) and the language a bot reply was written in.

Why guess the language from the bot's replies: Rasa keeps the reply language in a slot the
channel cannot see, but every reply it sends is written in that language. Remembering it
lets a media reply or a STOP confirmation come in the resident's language too.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.language.detect import LanguageIdentifier
from bot.language.sticky import DEFAULT_LANGUAGE, SUPPORTED

MESSAGES_FILE = Path(__file__).resolve().parent / "messages.yml"
MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, str]]:
    with MESSAGES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def message(key: str, language: str | None) -> str:
    """The text ``key`` in ``language`` (Dutch when the language is unknown)."""
    texts = _messages()[key]
    return texts.get(language or DEFAULT_LANGUAGE) or texts[DEFAULT_LANGUAGE]


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Word lists and letters suffice for our own well-formed replies; no lingua needed.
    return LanguageIdentifier(use_lingua=False)


def reply_language(text: str) -> str | None:
    """nl / tr / ar when a bot reply clearly is in that language, else None."""
    detection = _identifier().detect(text)
    if detection.language in SUPPORTED and detection.confidence >= MIN_CONFIDENCE:
        return detection.language
    return None
