"""Phone numbers shown to residents."""

from __future__ import annotations

import phonenumbers


def readable_phone(e164: str | None) -> str | None:
    """'030 123 4567' rather than '+31301234567' for a resident who will dial it."""
    if not e164:
        return None
    return phonenumbers.format_number(
        phonenumbers.parse(e164, "NL"), phonenumbers.PhoneNumberFormat.NATIONAL
    )
