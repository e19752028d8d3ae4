"""Find words about ending one's life (the ``self_harm`` safety net) and signs of despair in
free text.

Why rules next to the intent classifier: the classifier learns from examples and scores
indirect or unseen wording low ("ik wil er niet meer zijn", "bensiz herkes rahat eder"), and a
missed self-harm message is the one mistake this assistant must not make. The words live in
data/nlu/lexicons/self_harm.yml, in the rule syntax of threats.yml, and use its matcher.
Signs of despair without such words ("ik kan niet meer", "umudum kalmadi", "t3bt mn kolchi")
live in data/nlu/lexicons/distress.yml: they do not change the intent, they make the bot ask.
"""

from __future__ import annotations

import functools

from bot.nlu.matching.lexicons import LEXICON_DIR
from bot.nlu.matching.text import Unit
from bot.nlu.matching.threats import ThreatMatcher

SELF_HARM = "self_harm"
SELF_HARM_FILE = LEXICON_DIR / "self_harm.yml"
DISTRESS = "distress"
DISTRESS_FILE = LEXICON_DIR / "distress.yml"


@functools.lru_cache(maxsize=1)
def default_risk_matcher() -> ThreatMatcher:
    """The matcher over the shipped self_harm.yml, built once per process."""
    return ThreatMatcher.from_file(SELF_HARM_FILE, labels=(SELF_HARM,))


def mentions_self_harm(units: list[Unit]) -> bool:
    """True when the analysed text says the resident may end their life (within one sentence,
    or across sentences where a rule says so)."""
    return bool(default_risk_matcher().find(units))


@functools.lru_cache(maxsize=1)
def default_distress_matcher() -> ThreatMatcher:
    """The matcher over the shipped distress.yml, built once per process."""
    return ThreatMatcher.from_file(DISTRESS_FILE, labels=(DISTRESS,))


def shows_distress(units: list[Unit]) -> bool:
    """True when the analysed text shows despair (no hope, no strength left, giving up)."""
    return bool(default_distress_matcher().find(units))
