"""Recognising typed or clicked answers to the intake questions, in nl, tr and ar.

Buttons send their title as plain text, so a click and a typed answer take one path. The
words live in data/intake/answers.yml; the resident's own language is tried first, then
the others (residents mix Dutch words into Turkish and Darija), with short words skipped
in the fallback because they collide across languages (Turkish "is" = work).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

ANSWERS_FILE = Path(__file__).resolve().parents[2] / "data" / "intake" / "answers.yml"
LANGUAGES = ("nl", "tr", "ar")
MIN_FALLBACK_LENGTH = 4
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def fold(text: str) -> str:
    """Lowercase, accents and harakat removed, punctuation dropped, spaces squeezed."""
    # Combining marks are accents in Latin text and harakat in Arabic: both may go.
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"[\w'@.+-]+", kept))


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    lexicon = yaml.safe_load(ANSWERS_FILE.read_text(encoding="utf-8"))
    _check_words(lexicon, "")
    return lexicon


def _check_words(node: object, path: str) -> None:
    """YAML turns an unquoted yes/no/on into a boolean: fail loudly instead of mismatching."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_words(value, f"{path}/{key}")
    elif isinstance(node, list):
        for word in node:
            if not isinstance(word, str):
                raise ValueError(f"{ANSWERS_FILE}: {path}: {word!r} is not text; quote it")


def _contains(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", folded) is not None


def _languages_in_order(language: str) -> list[str]:
    return [language] + [other for other in LANGUAGES if other != language]


def _matches(words_by_language: dict[str, list[str]], folded: str, language: str) -> bool:
    for position, lang in enumerate(_languages_in_order(language)):
        for phrase in words_by_language.get(lang, []):
            if position > 0 and len(phrase) < MIN_FALLBACK_LENGTH:
                continue
            if _contains(folded, phrase):
                return True
    return False


def _options(section: str, text: str, language: str) -> list[str]:
    folded = fold(text)
    return [
        option for option, words in _lexicon()[section].items() if _matches(words, folded, language)
    ]


def is_no(text: str, language: str) -> bool:
    """'nee', 'hayır', 'la', 'walo', ...: the resident answers no / none."""
    return _matches(_lexicon()["negative"], fold(text), language)


def is_yes(text: str, language: str) -> bool:
    return _matches(_lexicon()["affirmative"], fold(text), language) and not is_no(text, language)


def debt_kinds(text: str, language: str) -> list[str]:
    """Kinds of arrears named in the answer; ["none"] for 'no debts yet', [] if unclear."""
    kinds = _options("debt_kinds", text, language)
    if "none" in kinds and len(kinds) > 1:
        kinds.remove("none")
    return kinds


def life_domains(text: str, language: str) -> list[str]:
    return _options("life_domains", text, language)


def contact_method(text: str, language: str) -> str | None:
    found = _options("contact_method", text, language)
    return found[0] if found else None


def contact_time(text: str, language: str) -> str | None:
    found = _options("contact_time", text, language)
    return found[-1] if found else None


def helper_language(text: str, language: str) -> str | None:
    """nl, tr, ar or 'any' (no preference)."""
    found = _options("helper_language", text, language)
    return found[0] if found else None


def email_address(text: str) -> str | None:
    candidate = text.strip().strip("<>").strip()
    return candidate.lower() if EMAIL.match(candidate) else None


def correction_field(text: str, language: str) -> str | None:
    """Which part of the summary to change: debts, municipality, language or contact."""
    found = _options("correction_field", text, language)
    return found[0] if found else None


def requests(text: str, language: str) -> list[str]:
    """Professional-only requests in the resident's words (settlement, bewind, living money)."""
    return _options("requests", text, language)
