"""Loose spelling keys, so a name still matches when typed the way it sounds.

Why: Dutch place names have no fixed spelling in Arabic script ("تلبورخ", "تيلبورغ",
"تيلبورج" are all Tilburg; "ألمير"/"ألميره" Almere), and in Latin letters people drop a
doubled letter or write y for ij ("Roterdam", "Nymegen"). The registry keeps one spelling per
city; these keys let the others meet it. They are only used for long words and only when the
key belongs to exactly one name (see :class:`bot.nlu.matching.places.PlaceMatcher`).
"""

from __future__ import annotations

import re

_ARABIC_LONG_VOWELS = frozenset("اويىءئؤ")
# Letters that transliterations of Dutch sounds use interchangeably (g/ch, t, s, k, v, p).
_ARABIC_SOUNDS = str.maketrans(
    {
        "غ": "خ",
        "ج": "خ",
        "گ": "خ",
        "ط": "ت",
        "ث": "ت",
        "ص": "س",
        "ق": "ك",
        "ض": "د",
        "ذ": "د",
        "ظ": "ز",
        "ڤ": "ف",
        "پ": "ب",
        "ة": "ه",
    }
)
_REPEATS = re.compile(r"(.)\1+")

MIN_ARABIC_KEY = 5  # shorter skeletons hit common words (الأمر ~ ألميره)
MIN_LATIN_KEY = 6


def arabic_key(word: str) -> str:
    """Consonant skeleton of a folded Arabic-script word: "تيلبورغ" -> "تلبرخ"."""
    sounds = word.translate(_ARABIC_SOUNDS)
    if len(sounds) > 2 and sounds.endswith("ه"):
        sounds = sounds[:-1]
    skeleton = sounds[:1] + "".join(c for c in sounds[1:] if c not in _ARABIC_LONG_VOWELS)
    return _REPEATS.sub(r"\1", skeleton)


def latin_key(word: str) -> str:
    """A folded Latin word with ij -> y and doubled letters single: "rotterdam" -> "roterdam"."""
    return _REPEATS.sub(r"\1", word.replace("ij", "y"))


def loose_key(word: str, arabic: bool) -> str | None:
    """The loose key of a folded word, or None when the word is too short to risk it."""
    if arabic:
        key = arabic_key(word)
        return key if len(key) >= MIN_ARABIC_KEY else None
    key = latin_key(word)
    return key if len(key) >= MIN_LATIN_KEY and key.isalpha() else None
