"""Safety before accuracy: which intent to act on when the classifier hesitates.

The intent classifier learns from examples and misses indirect wording. A miss costs far more
than a false alarm, so after it has spoken:
- words about ending one's life (data/nlu/lexicons/self_harm.yml) make the message self_harm,
  whatever the classifier said (the resident then gets the 113 line and the questions stop; a
  false alarm costs one kind message);
- so does self_harm among the classifier's first two guesses with some confidence; next to a
  recognised threat it must be very sure (``SELF_HARM_OVER_THREAT``), as first or second
  guess: "ontruimingsvonnis", "ma b9itch m2ammna" or "ik ben niet meer verzekerd en de huisarts
  wil me niet meer zien" worry the classifier, but the words say eviction or insurance and none
  say self-harm. On every held-out set, each message with a threat rule, no self-harm words and
  a hesitant self_harm first guess was urgent, never self-harm. Words about ending one's life
  next to a threat ("ze zetten me op straat, dan ga ik wel voor de trein") still win, and the
  self-harm answer then also gives the urgent help for the threat (action_pause_intake).
  The other way round, when a threat set a self-harm guess aside, the bot asks about it
  (see below), so a resident the lexicon did not understand still hears where to turn;
- a recognised threat (eviction, cut-off, insurance ending) makes the message urgent, unless
  it is about self-harm.

What is left is not certain enough to stop the intake for, and too serious to ignore: signs of
despair without words about ending one's life (data/nlu/lexicons/distress.yml: "ik kan niet
meer", "umudum kalmadi", "t3bt mn kolchi"), a self_harm guess below the bar above, or one a
threat set aside. Then the bot asks directly, once, whether the resident thinks about ending
their life, with 113 in the same message (:func:`needs_self_harm_check`; the question and its
answer live in actions/safety_check.py). Guidance on suicide prevention is that asking does
not put the thought in anyone's head; not asking leaves alone the resident whose words neither
the lexicon nor the classifier knew.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.nlu.ranking import classifier_guesses

SELF_HARM = "self_harm"
URGENT = "inform_urgent"
THREAT = "threat"
SELF_HARM_MIN_CONFIDENCE = 0.2
SELF_HARM_OVER_THREAT = 0.75
SELF_HARM_CHECK_MIN = 0.1
"""A self_harm guess from here up to ``SELF_HARM_MIN_CONFIDENCE`` makes the bot ask."""
TOP = 2
SELF_HARM_CHECK = "self_harm_check"
"""Parse output key: the bot should ask whether the resident thinks about ending their life
(set by bot/nlu/safety_override.py, read by actions/safety_check.py)."""


def safer_intent(
    intent: str | None,
    ranking: Sequence[dict[str, Any]],
    entities: Sequence[dict[str, Any]],
    self_harm_words: bool = False,
) -> str | None:
    """The intent to use instead of ``intent``, or None to keep it.

    ``self_harm_words``: the self-harm lexicon matched the message
    (:func:`bot.nlu.matching.mentions_self_harm`).
    """
    if self_harm_words:
        return None if intent == SELF_HARM else SELF_HARM
    threat = names_threat(entities)
    needed = SELF_HARM_OVER_THREAT if threat else SELF_HARM_MIN_CONFIDENCE
    if _self_harm_guess(ranking) >= needed:
        return None if intent == SELF_HARM else SELF_HARM
    if intent != URGENT and threat:
        return URGENT
    return None


def needs_self_harm_check(
    intent: str | None, ranking: Sequence[dict[str, Any]], distress_words: bool = False
) -> bool:
    """True when the bot should ask whether the resident thinks about ending their life.

    ``intent`` is the one :func:`safer_intent` settled on; ``distress_words``: the distress
    lexicon matched (:func:`bot.nlu.matching.shows_distress`). A self_harm message gets the
    full safety answer instead, so it needs no question.
    """
    if intent == SELF_HARM:
        return False
    # bool(): the classifier's confidences may be numpy floats, and the parse output is JSON
    return bool(distress_words or _self_harm_guess(ranking) >= SELF_HARM_CHECK_MIN)


def names_threat(entities: Sequence[dict[str, Any]]) -> bool:
    """A rule or the threat classifier recognised an eviction, cut-off or insurance ending."""
    return any(e.get("entity") == THREAT for e in entities)


def _self_harm_guess(ranking: Sequence[dict[str, Any]]) -> float:
    """The classifier's confidence in self_harm if it is one of its ``TOP`` guesses (not
    counting nlu_fallback), else 0."""
    return max(
        (
            item.get("confidence") or 0.0
            for item in classifier_guesses(ranking)[:TOP]
            if item.get("name") == SELF_HARM
        ),
        default=0.0,
    )
