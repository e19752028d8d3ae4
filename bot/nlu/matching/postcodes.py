"""Find Dutch postcodes ("3511 AB", "3511ab", "3511  ab", "٣٥١١AB") in free text.

The format check itself is :func:`bot.geo.normalise_postcode`; this module only decides which
digit-letter pairs in a chat message are meant as a postcode. Money talk is full of four-digit
amounts and years followed by a two-letter word ("ik heb 2000 en nog 300", "in 2024 is het
misgegaan", "1500 pm"), so those need the letters written as a postcode would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.geo import normalise_postcode

_CANDIDATE = re.compile(r"(?<![\w€$£.,])(\d{4})([ \t]*-?[ \t]*)([A-Za-z]{2})(?!\w)")
_CURRENCY_BEFORE = re.compile(r"(?:[€$£]|\beur|\beuro|\btl|\bdh)\s*$", re.IGNORECASE)
# Two-letter words (nl, tr, Darija in Latin letters) that follow a number in ordinary text.
_WORD_LIST = (
    "al as da de dh en er ga he ik in is ja je ki ma mi na ne nu of om op te ve we ya ze zo "
    "fi la li wa bu su"
)
_WORDS = frozenset(_WORD_LIST.split())
# Units and abbreviations glued to amounts: "1000km", "1500pm" (per maand), "2000tl".
_UNIT_LIST = "am cm dl gb kb kg km mb mg ml mm pj pm pp pw st tl"
_UNITS = frozenset(_UNIT_LIST.split())


@dataclass(frozen=True)
class PostcodeMatch:
    """A postcode in the text: normalised value ("3511 AB") and its character span."""

    value: str
    start: int
    end: int


def find_postcodes(text: str) -> list[PostcodeMatch]:
    """Postcodes in text order; amounts, years and units that look like one are skipped."""
    matches: list[PostcodeMatch] = []
    case_matters = any(c.islower() for c in text)
    for candidate in _CANDIDATE.finditer(text):
        digits, gap, letters = candidate.groups()
        if _CURRENCY_BEFORE.search(text, 0, candidate.start()):
            continue
        written_as_postcode = case_matters and letters.isupper()
        lowered = letters.lower()
        if not written_as_postcode and (lowered in _UNITS or (gap and lowered in _WORDS)):
            continue
        value = normalise_postcode(digits + letters)
        if value is None:
            continue
        matches.append(PostcodeMatch(value, candidate.start(), candidate.end()))
    return matches
