"""Find Dutch municipalities named in free text and map them to their CBS code.

The names and aliases come from :mod:`bot.geo` (one source of truth for all spellings). A
spaCy ``PhraseMatcher`` finds them on folded word units after repairs that a phrase matcher
cannot express on its own: Arabic prefixes glued to the name ("فروتردام" = ف + روتردام, also
و/ب/ل/ك), Darija "f"/"b" in Latin letters ("frotterdam"), Turkish case endings typed without
the apostrophe ("Rotterdamda") and loose spellings (:mod:`bot.nlu.matching.spelling`). Names
that are also ordinary words ("ik doe mijn best", "mijn buren") only count with evidence that
a place is meant (see data/nlu/lexicons/places.yml).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.geo import default_registry
from bot.nlu.matching.lexicons import LEXICON_DIR, load_yaml, words_per_language
from bot.nlu.matching.spelling import loose_key
from bot.nlu.matching.text import Unit, fold, letter_offset

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher

PLACES_FILE = LEXICON_DIR / "places.yml"

_ARABIC_PREFIX_LETTERS = "وفبلك"
_ARABIC_LOCATIVE = "فب"  # في / ب: "in", so a glued ف/ب is itself a location cue
_DARIJA_LATIN_PREFIXES = "fb"  # "frotterdam", "bamsterdam"; only in Darija messages
# Darija in Latin letters writes some Arabic sounds as digits: "3liya", "y9t3o", "7na".
_ARABIZI = re.compile(r"\b(?:[a-z]+[2379][a-z]+|[2379][a-z]{2,})\b", re.IGNORECASE)
# Turkish case endings (locative, ablative, dative, "the one in", "I am in"), longest first.
_TURKISH_ENDING_WORDS = (
    "dayim deyim tayim teyim dayiz deyiz tayiz teyiz daki deki taki teki "
    "dan den tan ten da de ta te ya ye"
)
_TURKISH_ENDINGS = tuple(sorted(_TURKISH_ENDING_WORDS.split(), key=len, reverse=True))
_SHORT_NAME = 3  # one-word names this short are always treated as ambiguous
_MIN_STRIPPED = 4  # never strip an ending or prefix down to fewer letters than this
_MIN_DARIJA_REST = 6  # "b" + "ommen" is Dutch "bommen", so Latin prefixes need long names
_POSTCODE_DIGITS = re.compile(r"^\d{4}$")
_REPAIR_CACHE_LIMIT = 50_000

# How a unit's form was obtained; all but EXACT are repairs.
EXACT, ARABIC_PREFIX, ARABIC_LOCATIVE_PREFIX, LATIN_PREFIX, TURKISH_ENDING, LOOSE = range(6)
_PREFIXED = (ARABIC_PREFIX, ARABIC_LOCATIVE_PREFIX, LATIN_PREFIX)


@dataclass(frozen=True)
class PlaceMatch:
    """A municipality named in the text: CBS code and the character span of the name."""

    code: str
    start: int
    end: int
    text: str
    residence: bool = False
    """A residence word ("woon", "oturuyorum", "أسكن") is next to it."""


_Repair = tuple[str, int, int, int]


@dataclass(frozen=True)
class _Form:
    """The form of one unit that was handed to the phrase matcher, and how it was repaired."""

    text: str
    kind: int
    start: int
    end: int


class PlaceMatcher:
    """Municipality finder over a fixed set of surface forms (built once, then reused)."""

    def __init__(
        self,
        surface_forms: Iterable[tuple[str, str]],
        ambiguous: Iterable[str] = (),
        replies: Iterable[str] = (),
        never: Iterable[str] = (),
        cues_before: Iterable[str] = (),
        cues_after: Iterable[str] = (),
        residence_before: Iterable[str] = (),
        residence_after: Iterable[str] = (),
    ) -> None:
        keys: dict[tuple[str, ...], str] = {}
        for form, code in surface_forms:
            key = tuple(w for w in (fold(word) for word in form.replace("-", " ").split()) if w)
            if key:
                keys[key] = code
        self._keys = keys
        self._units = {word for key in keys for word in key}
        self._first_units = {key[0] for key in keys}
        self._ambiguous = {fold(w) for w in ambiguous} | {
            key[0] for key in keys if len(key) == 1 and len(key[0]) <= _SHORT_NAME
        }
        self._replies = {fold(w) for w in replies}
        self._never = {fold(w) for w in never}
        self._loose = self._loose_index()
        self._cues_before = {tuple(fold(w) for w in cue.split()) for cue in cues_before}
        self._cues_after = {tuple(fold(w) for w in cue.split()) for cue in cues_after}
        self._residence_before = {fold(w) for w in residence_before}
        self._residence_after = {fold(w) for w in residence_after}
        self._matcher: PhraseMatcher | None = None
        self._repairs: dict[tuple[str, bool], _Repair] = {}

    @classmethod
    def from_files(cls, places_file: Path = PLACES_FILE) -> PlaceMatcher:
        """Names from the :mod:`bot.geo` registry, context words from ``places_file``."""
        data = load_yaml(places_file)

        def section(name: str) -> list[str]:
            return words_per_language(places_file, data, name)

        return cls(
            default_registry().surface_forms(),
            ambiguous=section("ambiguous"),
            replies=section("replies"),
            never=section("never"),
            cues_before=section("cues_before"),
            cues_after=section("cues_after"),
            residence_before=section("residence_before"),
            residence_after=section("residence_after"),
        )

    def _loose_index(self) -> dict[str, str]:
        """Loose key -> name word, for keys that lead to exactly one unambiguous name.

        Two spellings of one city ("تلبورخ", "تيلبورغ") share a key without conflict.
        """
        single = {key[0]: code for key, code in self._keys.items() if len(key) == 1}
        owners: dict[str, dict[str, str]] = {}
        for word in sorted(self._units - self._ambiguous):
            key = loose_key(word, arabic=not word.isascii())
            if key is not None:
                owners.setdefault(key, {}).setdefault(single.get(word, f"word:{word}"), word)
        return {key: next(iter(o.values())) for key, o in owners.items() if len(o) == 1}

    @property
    def matcher(self) -> PhraseMatcher:
        """The spaCy phrase matcher over all surface forms, built on first use."""
        if self._matcher is None:
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc
            from spacy.vocab import Vocab

            vocab = Vocab()  # its own: only name words and "_" ever enter it
            matcher = PhraseMatcher(vocab)
            by_code: dict[str, list[Doc]] = {}
            for key, code in self._keys.items():
                by_code.setdefault(code, []).append(Doc(vocab, words=list(key)))
            for code, docs in by_code.items():
                matcher.add(code, docs)
            self._matcher = matcher
        return self._matcher

    def find(
        self, text: str, units: list[Unit], expected: bool = False, lang: str | None = None
    ) -> list[PlaceMatch]:
        """Named municipalities in ``text`` (analysed into ``units``), in text order.

        Overlapping hits are resolved in favour of the longest ("Bergen op Zoom").
        ``expected``: the bot just asked for the municipality, so a short answer that is an
        everyday word ("best", "buren") counts as the name. ``lang="ar"`` (or Arabic script or
        Arabizi digits in the text) allows Darija "f"/"b" glued to a Latin-letter name.
        """
        if not units:
            return []
        darija = lang == "ar" or any(u.arabic for u in units) or bool(_ARABIZI.search(text))
        forms = [self._repair(unit, darija) for unit in units]
        if not any(form.text in self._first_units for form in forms):
            return []  # the common case, and it needs no spaCy work at all
        from spacy.tokens import Doc

        matcher = self.matcher
        strings = matcher.vocab.strings
        # Words that are in no name become a placeholder: positions stay, and the matcher's
        # vocabulary does not grow with every word residents ever type.
        words = [form.text if form.text in self._units else "_" for form in forms]
        doc = Doc(matcher.vocab, words=words)
        candidates = [
            (start, end, strings[match_id])
            for match_id, start, end in matcher(doc)
            if self._acceptable(units, forms, start, end, expected)
        ]
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: set[int] = set()
        chosen: list[tuple[int, int, str]] = []
        for start, end, code in candidates:
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                chosen.append((start, end, code))
        return [
            PlaceMatch(
                code=code,
                start=forms[start].start,
                end=forms[end - 1].end,
                text=text[forms[start].start : forms[end - 1].end],
                residence=self._near_residence_word(units, start, end),
            )
            for start, end, code in sorted(chosen)
        ]

    def _repair(self, unit: Unit, darija: bool) -> _Form:
        """The unit's own form, or a known name word it was meant as (prefix, ending, spelling)."""
        key = (unit.text, darija)
        repair = self._repairs.get(key)
        if repair is None:
            if len(self._repairs) >= _REPAIR_CACHE_LIMIT:
                self._repairs.clear()
            repair = self._repairs[key] = self._repair_word(unit.text, unit.arabic, darija)
        text, kind, front, back = repair
        start, end = unit.start, unit.end
        if front:
            start += letter_offset(unit.original, front)
        if back:
            end -= letter_offset(unit.original, back, from_end=True)
        return _Form(text, kind, start, end)

    def _repair_word(self, word: str, arabic: bool, darija: bool) -> _Repair:
        """(form, kind, letters cut at the front, letters cut at the end) of one folded word."""
        if word in self._units or word in self._never:
            return word, EXACT, 0, 0
        if arabic:
            return self._repair_arabic(word)
        if darija and word[0] in _DARIJA_LATIN_PREFIXES:
            rest = self._known(word[1:])
            if rest is not None and len(rest) >= _MIN_DARIJA_REST and rest not in self._ambiguous:
                return rest, LATIN_PREFIX, 1, 0
        for ending in _TURKISH_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STRIPPED:
                base = self._known(word[: -len(ending)])
                if base is not None:
                    return base, TURKISH_ENDING, 0, len(ending)
        loose = self._loose.get(loose_key(word, arabic=False) or "")
        if loose is not None:
            return loose, LOOSE, 0, 0
        return word, EXACT, 0, 0

    def _repair_arabic(self, word: str) -> _Repair:
        """Exact spelling before loose spelling; without a glued prefix before with one."""
        for loose in (False, True):
            for size in (0, 1, 2):
                prefix, rest = word[:size], word[size:]
                if not all(c in _ARABIC_PREFIX_LETTERS for c in prefix):
                    break
                if len(rest) < _MIN_STRIPPED - 1:
                    continue
                known = self._known(rest, arabic=True) if loose else rest
                if known is None or known not in self._units:
                    continue
                if size == 0:
                    return known, LOOSE, 0, 0
                if set(prefix) & set(_ARABIC_LOCATIVE):
                    return known, ARABIC_LOCATIVE_PREFIX, size, 0
                return known, ARABIC_PREFIX, size, 0
        return word, EXACT, 0, 0

    def _known(self, word: str, arabic: bool = False) -> str | None:
        """``word`` if it is a name word, else the name word it loosely spells, else None."""
        if word in self._units:
            return word
        return self._loose.get(loose_key(word, arabic) or "")

    def _acceptable(
        self, units: list[Unit], forms: list[_Form], start: int, end: int, expected: bool
    ) -> bool:
        """Whether a phrase-matcher hit is really a place (repairs only at the edges)."""
        if any(form.kind in _PREFIXED for form in forms[start + 1 : end]):
            return False
        if any(form.kind == TURKISH_ENDING for form in forms[start : end - 1]):
            return False
        word = forms[start].text
        if end - start > 1 or word not in self._ambiguous:
            return True
        form, unit = forms[start], units[start]
        if form.kind in (LATIN_PREFIX, TURKISH_ENDING, LOOSE):
            return False
        return (
            form.kind == ARABIC_LOCATIVE_PREFIX
            or unit.suffix not in ("", "s")  # Turkish writes endings of proper nouns with '
            or (unit.capitalised and not unit.sentence_initial)
            or (len(units) == 1 and word not in self._replies)
            or self._cue_before(units, start)
            or self._cue_after(units, end)
            or self._postcode_nearby(units, start, end)
            or (expected and len(units) <= 3)
        )

    def _cue_before(self, units: list[Unit], start: int) -> bool:
        sentence = units[start].sentence
        for cue in self._cues_before:
            first = start - len(cue)
            if (
                first >= 0
                and units[first].sentence == sentence
                and tuple(u.text for u in units[first:start]) == cue
            ):
                return True
        return False

    def _cue_after(self, units: list[Unit], end: int) -> bool:
        sentence = units[end - 1].sentence
        for cue in self._cues_after:
            last = end + len(cue)
            if (
                last <= len(units)
                and units[last - 1].sentence == sentence
                and tuple(u.text for u in units[end:last]) == cue
            ):
                return True
        return False

    @staticmethod
    def _postcode_nearby(units: list[Unit], start: int, end: int) -> bool:
        """ "2801 JK Gouda", "gouda, postcode 2801 JK": an address, so a place."""
        sentence = units[start].sentence
        near = units[max(0, start - 2) : start] + units[end : end + 2]
        return any(u.sentence == sentence and _POSTCODE_DIGITS.match(u.text) for u in near)

    def _near_residence_word(self, units: list[Unit], start: int, end: int) -> bool:
        sentence = units[start].sentence
        before = units[max(0, start - 4) : start]
        after = units[end : end + 2]
        return any(
            u.sentence == sentence and u.text in self._residence_before for u in before
        ) or any(u.sentence == sentence and u.text in self._residence_after for u in after)


@functools.lru_cache(maxsize=1)
def default_place_matcher() -> PlaceMatcher:
    """The matcher over the shipped registry and places.yml, built once per process."""
    return PlaceMatcher.from_files()
