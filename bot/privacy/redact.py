"""Remove BSNs and IBANs from anything we are about to store.

Residents sometimes paste their BSN or bank account into a chat. The AVG and our own promise
say neither may be stored, so every event is scrubbed before it reaches the tracker store.
Only numbers that pass the official checksums are removed, so postcodes, amounts and phone
numbers stay intact.
"""

from __future__ import annotations

import re
from typing import Any

from stdnum import iban
from stdnum.nl import bsn

BSN_PLACEHOLDER = "[BSN verwijderd]"
IBAN_PLACEHOLDER = "[IBAN verwijderd]"

# 9 digits, optionally grouped with spaces or dots (1234.56.789 / 123 456 789).
_BSN_CANDIDATE = re.compile(
    r"(?<![\d+])(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]?\d{3}[ .]?\d{3})(?!\d)"
)
# Two letters, two check digits, then 11-30 letters/digits, spaces allowed in groups of four.
_IBAN_CANDIDATE = re.compile(
    r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?\b"
)


def redact_text(text: str) -> str:
    """The text with every valid IBAN and BSN replaced by a visible placeholder."""
    text = _IBAN_CANDIDATE.sub(_replace_iban, text)
    return _BSN_CANDIDATE.sub(_replace_bsn, text)


def contains_sensitive_number(text: str) -> bool:
    """True when the text holds a valid BSN or IBAN (the bot then warns the resident)."""
    return redact_text(text) != text


def redact_data(value: Any) -> Any:
    """Recursively redact every string in an event's JSON-like data."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: redact_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_data(item) for item in value]
    return value


def _replace_iban(match: re.Match[str]) -> str:
    return IBAN_PLACEHOLDER if iban.is_valid(match.group(0)) else match.group(0)


def _replace_bsn(match: re.Match[str]) -> str:
    return BSN_PLACEHOLDER if bsn.is_valid(match.group(0)) else match.group(0)
