"""Reading the intent classifier's ranking, the same way in every step that overrules it.

Pure Python (no Rasa import), like bot/nlu/safety.py, so the rules can be tested alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

FALLBACK = "nlu_fallback"


def classifier_guesses(ranking: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The classifier's guesses, best first, without nlu_fallback.

    nlu_fallback is not a guess: FallbackClassifier puts it first at its threshold, which
    would push a hesitant second guess ("request_human" 0.24, "self_harm" 0.23) down a place.
    """
    guesses = [item for item in ranking if item.get("name") != FALLBACK]
    return sorted(guesses, key=lambda item: item.get("confidence") or 0.0, reverse=True)


def ranked_confidence(
    ranking: Sequence[dict[str, Any]], name: str, default: float | None = None
) -> float | None:
    """The confidence the ranking gives ``name``, or ``default`` when it is not ranked."""
    return next((item.get("confidence") for item in ranking if item.get("name") == name), default)
