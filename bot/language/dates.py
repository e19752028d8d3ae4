"""Dates written the way a resident reads them, in their own language (via Babel/CLDR)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def format_day(moment: datetime, language: str) -> str:
    """'vrijdag 28 november' / '28 Kasım Cuma' / 'الجمعة ٢٨ نوفمبر' in the local time zone."""
    day = moment.astimezone(AMSTERDAM).date()
    return format_date(day, format="EEEE d MMMM", locale=language)
