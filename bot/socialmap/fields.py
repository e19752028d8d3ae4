"""Field parsers: turn what a coordinator typed (or a JSON value) into one typed value.

Each parser takes the raw value and returns the typed one or raises ``ValueError`` with a
message that makes sense next to the field name. CSV cells arrive as text and JSON values as
JSON types; both are accepted so the two formats share one set of rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, time
from typing import Any

import phonenumbers

from bot.geo import default_registry, normalise_postcode
from bot.socialmap import vocab

Parser = Callable[[Any], Any]

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
_TRUE = {"true", "ja", "yes", "y", "j", "1", "waar"}
_FALSE = {"false", "nee", "no", "n", "0", "onwaar"}
LIST_SEPARATOR = ";"


def is_empty(value: Any) -> bool:
    """Missing, null, blank text or an empty list all mean "not given"."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == []


def _text_of(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"must be text, got {type(value).__name__}")
    return str(value).strip()


def text(max_length: int | None = None) -> Parser:
    """Free text, trimmed; ``max_length`` mirrors the column so both databases agree."""

    def parse(value: Any) -> str:
        result = _text_of(value)
        if max_length is not None and len(result) > max_length:
            raise ValueError(f"is {len(result)} characters long, at most {max_length} allowed")
        return result

    return parse


def identifier(value: Any) -> str:
    """A stable id from the file: letters, digits and ``. _ : -``, at most 64 characters."""
    result = _text_of(value)
    if not _ID_RE.match(result):
        raise ValueError(
            f"{result!r} is not a usable id (letters, digits and . _ : - only, at most 64)"
        )
    return result


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = _text_of(value).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes/no (use true or false)")


def whole_days(value: Any) -> int:
    """A number of days, 0 or more."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number of days")
    try:
        result = int(value) if isinstance(value, int) else int(_text_of(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number of days") from None
    if result < 0:
        raise ValueError(f"{result} is negative")
    return result


def iso_date(value: Any) -> date:
    """YYYY-MM-DD only: "03-04-2025" is ambiguous between Dutch and US habits."""
    raw = _text_of(value)
    try:
        if len(raw) != 10:
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a date in the form YYYY-MM-DD") from None


def clock_time(value: Any) -> time:
    raw = _text_of(value)
    match = _TIME_RE.match(raw)
    if match is None:
        raise ValueError(f"{raw!r} is not a time in the form HH:MM")
    return time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


def words(value: Any) -> list[str]:
    """A list: a JSON array, or text with ``;`` between the items (as a spreadsheet cell)."""
    if isinstance(value, list):
        items = [_text_of(item) for item in value]
    else:
        items = _text_of(value).split(LIST_SEPARATOR)
    result: list[str] = []
    for item in (i.strip() for i in items):
        if item and item not in result:
            result.append(item)
    return result


def one_of(allowed: Iterable[str], what: str) -> Parser:
    allowed = tuple(allowed)

    def parse(value: Any) -> str:
        word = _text_of(value).lower()
        if word not in allowed:
            raise ValueError(f"unknown {what} {word!r} (allowed: {', '.join(allowed)})")
        return word

    return parse


def list_of(allowed: Iterable[str], what: str) -> Parser:
    """A list whose every item is one of ``allowed`` (lower-cased, duplicates dropped)."""
    check = one_of(allowed, what)

    def parse(value: Any) -> list[str]:
        return [check(item) for item in words(value)]

    return parse


def frequency(value: Any) -> str:
    """Only weekly schedules exist in the field (walk-in hours); iCalendar spells it WEEKLY."""
    word = _text_of(value).upper()
    if word != "WEEKLY":
        raise ValueError(f"{value!r} is not a supported frequency (only WEEKLY)")
    return word


def language_code(value: Any) -> str:
    code = _text_of(value).lower()
    if code not in vocab.ISO_639_1:
        raise ValueError(f"{code!r} is not an ISO 639-1 language code (e.g. nl, tr, ar)")
    return code


def municipality_code(value: Any) -> str:
    """A CBS code of one of today's municipalities; "gm0344" is accepted as GM0344."""
    raw = _text_of(value)
    municipality = default_registry().by_code(raw)
    if municipality is None:
        raise ValueError(f"unknown municipality code {raw!r} (expected a CBS code like GM0344)")
    return municipality.code


def phone_number(value: Any) -> str:
    """A Dutch (or international) number that ``phonenumbers`` accepts, stored as E.164."""
    raw = _text_of(value)
    try:
        parsed = phonenumbers.parse(raw, "NL")
    except phonenumbers.NumberParseException:
        raise ValueError(f"{raw!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(f"{raw!r} is not a valid phone number (region NL)")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def postcode(value: Any) -> str:
    raw = _text_of(value)
    result = normalise_postcode(raw)
    if result is None:
        raise ValueError(f"{raw!r} is not a Dutch postcode (like 3511 AB)")
    return result


def email(value: Any) -> str:
    raw = _text_of(value)
    if len(raw) > 200 or not _EMAIL_RE.match(raw):
        raise ValueError(f"{raw!r} is not an e-mail address")
    return raw


def web_address(value: Any) -> str:
    raw = _text_of(value)
    if len(raw) > 300 or not raw.startswith(("https://", "http://")):
        raise ValueError(f"{raw!r} is not a web address starting with https://")
    return raw


def days_of_week(value: Any) -> str:
    """``MO,WE`` (iCalendar) or Dutch ``ma,wo``; stored as ``MO,WE`` in week order."""
    raw = value if isinstance(value, list) else _text_of(value).replace(" ", "").split(",")
    days = set()
    for item in raw:
        day = _text_of(item).upper()
        day = vocab.DUTCH_DAYS.get(day, day)
        if day not in vocab.DAYS:
            raise ValueError(f"{item!r} is not a day (MO..SU or ma..zo)")
        days.add(day)
    if not days:
        raise ValueError("names no day")
    return ",".join(day for day in vocab.DAYS if day in days)
