"""Split a message into comparable word units: spaCy blank tokenisation plus folding.

Why a layer on top of spaCy's tokens: the blank tokenisers disagree on what people type
("Lahey’de" is one token in tr, three in nl; "Haag." keeps its full stop in ar), and matching
needs more than tokens anyway: a folded form (case, accents, Turkish dotless i, Arabic
hamza/harakat), the Turkish suffix behind an apostrophe, capitalisation and sentence starts.
Every matcher in this package works on the same :class:`Unit` list, built once per message.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.geo import normalise_name

if TYPE_CHECKING:
    from spacy.language import Language

LANGUAGES = ("nl", "tr", "ar")

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘`´ʼ′ʻ", "'"))
# A word piece: letters/digits plus the combining marks people leave inside words (Arabic
# harakat and tatweel, decomposed Latin accents), so "أَمْسْتِرْدَام" stays one piece.
WORD_PIECE = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+"
)
_SENTENCE_BREAK = re.compile(r"[.!?؟\n;]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_TURKISH_LETTERS = re.compile(r"[ğĞşŞıİ]")
# spaCy adds every new word to the pipeline's vocabulary and never forgets it (about 0.65 kB a
# word); a fresh blank pipeline once this many words were seen keeps a server's memory flat.
_MAX_VOCABULARY = 100_000


@dataclass(frozen=True, slots=True)
class Unit:
    """One word as the matchers see it, with its character span in the original text."""

    text: str
    """Folded form: lower case, no accents or Arabic marks, "ı" -> "i"."""
    start: int
    end: int
    original: str
    """The characters of the span as typed (after apostrophe unification)."""
    sentence: int
    """Index of the sentence the word is in; rules never combine words across sentences."""
    sentence_initial: bool
    capitalised: bool
    """Starts with a capital in a text that also has lower case (so capitals mean something)."""
    suffix: str = ""
    """Folded ending glued on after an apostrophe: "de" for "Lahey'de", "s" for "auto's"."""

    @property
    def arabic(self) -> bool:
        """Whether the word is in Arabic script (prefixes like ف/ب are glued on there)."""
        return bool(_ARABIC_SCRIPT.match(self.text))


@functools.lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """Comparison key of one word, consistent with :func:`bot.geo.normalise_name`."""
    return normalise_name(word).replace("ı", "i").replace(" ", "")


def guess_language(text: str) -> str:
    """Cheap script-based choice of tokeniser when the pipeline did not say which language."""
    if _ARABIC_SCRIPT.search(text):
        return "ar"
    if _TURKISH_LETTERS.search(text):
        return "tr"
    return "nl"


@functools.cache
def blank(lang: str) -> Language:
    """A blank spaCy pipeline (tokeniser only); imported lazily because spaCy loads TensorFlow."""
    import spacy

    return spacy.blank(lang if lang in LANGUAGES else "nl")


def analyse(text: str, lang: str | None = None) -> list[Unit]:
    """Word units of ``text``; ``lang`` picks the spaCy tokeniser (guessed from script if None)."""
    if not text:
        return []
    clean = text.translate(_APOSTROPHES)
    language = lang if lang in LANGUAGES else guess_language(clean)
    nlp = blank(language)
    if len(nlp.vocab) > _MAX_VOCABULARY:
        blank.cache_clear()
        nlp = blank(language)
    pieces: list[tuple[int, int]] = []
    for token in nlp.tokenizer(clean):
        offset = token.idx
        pieces.extend(
            (offset + m.start(), offset + m.end()) for m in WORD_PIECE.finditer(token.text)
        )
    case_matters = any(c.islower() for c in clean)

    units: list[Unit] = []
    sentence, previous_end, i = 0, 0, 0
    while i < len(pieces):
        start, end = pieces[i]
        i += 1
        suffix = ""
        # "Lahey'de", "Amsterdam'da", "auto's": the ending belongs to the word before it.
        # A one-letter base ("f'rotterdam", "z'n") is a clitic instead, so both stay words.
        if (
            i < len(pieces)
            and end - start > 1
            and clean[end : end + 1] == "'"
            and pieces[i][0] == end + 1
        ):
            suffix = fold(clean[pieces[i][0] : pieces[i][1]])
            i += 1
        folded = fold(clean[start:end])
        if not folded:
            continue
        if units and _SENTENCE_BREAK.search(clean, previous_end, start):
            sentence += 1
        units.append(
            Unit(
                text=folded,
                start=start,
                end=end,
                original=clean[start:end],
                sentence=sentence,
                sentence_initial=not units or units[-1].sentence != sentence,
                capitalised=case_matters and clean[start].isupper(),
                suffix=suffix,
            )
        )
        previous_end = end
    return units


def letter_offset(original: str, letters: int, from_end: bool = False) -> int:
    """Characters of ``original`` that hold ``letters`` folded letters (marks count as none).

    Why: a glued prefix ("ف" in "فَروتردام") or a Turkish ending is found on the folded form,
    but the entity span must point into the text as typed.
    """
    chars: Any = reversed(original) if from_end else original
    counted = 0
    for position, char in enumerate(chars):
        if char.isalnum():
            if counted >= letters:
                return position
            counted += len(fold(char))
    return len(original)
