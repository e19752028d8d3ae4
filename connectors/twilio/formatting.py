"""Buttons as numbered options, replies to them, and splitting long texts.

SMS and plain WhatsApp messages have no buttons, so a question with buttons becomes a list
"1. Ja / 2. Nee" and the resident answers with the number or the words. Twilio refuses
bodies over 1600 characters, so long replies are sent in parts, cut between sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

MAX_BODY = 1600
"""Twilio's limit per message body, counted (to be safe) in UTF-16 code units."""

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ISOLATES = re.compile(r"[\u2066-\u2069]")
# A sentence: up to an end mark followed by whitespace (so "3.5" and "geldfit.nl" stay
# whole), or up to a line break, or the end; with the whitespace after it.
_SENTENCE = re.compile(r".+?(?:[.!?…؟]+[\"'”’»)\]]*(?=\s|$)|(?=\n)|$)\s*", re.S)
_WORD = re.compile(r"\S+\s*")
_NUMBER = re.compile(r"(\d{1,2})\s*[.)]?")


def numbered_options(text: str, buttons: Sequence[dict[str, Any]]) -> str:
    """The text with "1. <title>" lines under it; Latin titles isolated in Arabic text."""
    arabic = bool(_ARABIC.search(text))
    lines = []
    for number, button in enumerate(buttons, start=1):
        title = str(button.get("title") or button.get("payload") or "")
        if arabic and not _ARABIC.search(title):
            title = f"\u2068{title}\u2069"
        lines.append(f"{number}. {title}")
    options = "\n".join(lines)
    return f"{text}\n\n{options}" if text else options


def offered(buttons: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """The part of Rasa's buttons worth remembering: title and payload."""
    return [
        {
            "title": str(button.get("title") or ""),
            "payload": str(button.get("payload") or button.get("title") or ""),
        }
        for button in buttons
    ]


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", _ISOLATES.sub("", text))
    return " ".join(text.casefold().split()).strip(" .!")


def match_option(reply: str, buttons: Sequence[dict[str, str]]) -> str | None:
    """The payload of the option the resident picked by number or by its text, else None."""
    if not buttons:
        return None
    key = _normalise(reply)
    number = _NUMBER.fullmatch(key)
    if number:
        index = int(number.group(1))  # int() also reads Arabic-Indic digits
        return buttons[index - 1]["payload"] if 1 <= index <= len(buttons) else None
    for button in buttons:
        if key and _normalise(button["title"]) == key:
            return button["payload"]
    return None


def units(text: str) -> int:
    """Length as Twilio may count it: emoji outside the BMP count twice."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MAX_BODY) -> list[str]:
    """Parts of at most ``limit`` units, cut between sentences, never inside a word.

    A sentence longer than ``limit`` is cut between words; only a single "word" longer than
    ``limit`` (a giant link) is cut hard.
    """
    text = text.strip()
    if not text:
        return []
    if units(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in _SENTENCE.findall(text):
        if units(current + sentence.rstrip()) <= limit:
            current += sentence
            continue
        if current.strip():
            parts.append(current.strip())
        current = ""
        if units(sentence.rstrip()) <= limit:
            current = sentence
        else:
            parts.extend(_split_words(sentence, limit))
    if current.strip():
        parts.append(current.strip())
    return parts


def _split_words(sentence: str, limit: int) -> Iterator[str]:
    current = ""
    for word in _WORD.findall(sentence):
        if units(current + word.rstrip()) <= limit:
            current += word
            continue
        if current.strip():
            yield current.strip()
        current = ""
        while units(word.rstrip()) > limit:
            head = _hard_cut(word, limit)
            yield head
            word = word[len(head) :]
        current = word
    if current.strip():
        yield current.strip()


def _hard_cut(word: str, limit: int) -> str:
    """The longest prefix of ``word`` within ``limit`` units."""
    end = min(len(word), limit)
    while units(word[:end]) > limit:
        end -= 1
    return word[:end]
