"""How long a social-map entry stays trustworthy, from the environment.

An entry goes stale fast (people change jobs, walk-in hours move): after ``stale_days`` the
report flags it for a check, after ``expire_days`` the lookup stops offering it at all, because
sending a resident to a dead number costs more trust than offering nothing.
"""

from __future__ import annotations

import os

DEFAULT_STALE_DAYS = 180
DEFAULT_EXPIRE_DAYS = 365


def _days(env_var: str, default: int) -> int:
    raw = os.environ.get(env_var, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{env_var}={raw!r} is not a whole number of days") from None
    if value <= 0:
        raise ValueError(f"{env_var}={raw!r} must be a positive number of days")
    return value


def stale_days() -> int:
    """Days after the last check when an entry is flagged (WEGWIJS_SOCIALMAP_STALE_DAYS)."""
    return _days("WEGWIJS_SOCIALMAP_STALE_DAYS", DEFAULT_STALE_DAYS)


def expire_days() -> int:
    """Days after the last check when an entry is no longer offered (..._EXPIRE_DAYS)."""
    return _days("WEGWIJS_SOCIALMAP_EXPIRE_DAYS", DEFAULT_EXPIRE_DAYS)
