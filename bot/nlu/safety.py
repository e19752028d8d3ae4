"""Safety before accuracy: which intent to act on when the classifier hesitates.

The intent classifier learns from n-grams and misses indirect wording. Two misses cost far
more than a false alarm, so after it has spoken:
- self_harm anywhere in the top two with some confidence is taken as self_harm (the resident
  then gets the 113 line and the questions stop; a false alarm costs one kind message);
- a recognised threat (eviction, cut-off, insurance ending) makes the message urgent, unless
  it is about self-harm.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SELF_HARM = "self_harm"
URGENT = "inform_urgent"
SELF_HARM_MIN_CONFIDENCE = 0.2
TOP = 2


def safer_intent(
    intent: str | None, ranking: Sequence[dict[str, Any]], entities: Sequence[dict[str, Any]]
) -> str | None:
    """The intent to use instead of ``intent``, or None to keep it."""
    top = sorted(ranking, key=lambda item: item.get("confidence") or 0.0, reverse=True)[:TOP]
    if intent != SELF_HARM and any(
        item.get("name") == SELF_HARM
        and (item.get("confidence") or 0.0) >= SELF_HARM_MIN_CONFIDENCE
        for item in top
    ):
        return SELF_HARM
    if intent not in (SELF_HARM, URGENT) and any(e.get("entity") == "threat" for e in entities):
        return URGENT
    return None
