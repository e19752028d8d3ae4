"""By when the receiving organisation must make contact.

Urgent cases: the Wgs gives the municipality 3 working days. Dutch public holidays do not
count, so `holidays` decides which days are working days.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bot.intake.triage import Route

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
URGENT_WORKING_DAYS = 3


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


@lru_cache(maxsize=16)
def _dutch_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def due_date(route: Route | str, created_at: datetime) -> datetime:
    """End of the last allowed day, in Amsterdam time, for a handover created now."""
    route = Route(route)
    local_day = created_at.astimezone(AMSTERDAM).date()
    if route is Route.URGENT:
        day = add_working_days(local_day, URGENT_WORKING_DAYS)
    elif route is Route.PROFESSIONAL:
        day = local_day + timedelta(weeks=_env_int("WEGWIJS_DUE_PROFESSIONAL_WEEKS", 4))
    else:
        day = add_working_days(local_day, _env_int("WEGWIJS_DUE_VOLUNTEER_WORKING_DAYS", 5))
    return datetime.combine(day, time(17, 0), tzinfo=AMSTERDAM).astimezone(timezone.utc)
