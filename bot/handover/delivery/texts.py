"""Closed-loop texts from data/messages/closed_loop.yml, so wording is edited without code."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.config import PROJECT_ROOT
from bot.handover.outbox import as_utc
from bot.language.dates import AMSTERDAM, format_day

TEXTS_PATH = PROJECT_ROOT / "data" / "messages" / "closed_loop.yml"


@lru_cache(maxsize=4)
def load_texts(path: Path = TEXTS_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def text(key: str, **values: object) -> str:
    """The template at a dotted key (e.g. ``resident.accepted.tr``), filled in."""
    node: Any = load_texts()
    for part in key.split("."):
        node = node[part]
    return str(node).format(**values)


def label(group: str, key: str) -> str:
    """A Dutch label (route, status, language ...), or the key itself when unknown."""
    return str(load_texts()["labels"][group].get(key, key))


def word(key: str) -> str:
    """A single Dutch word or phrase from ``labels`` (e.g. ``none``, ``urgent_mark``)."""
    return str(load_texts()["labels"][key])


def resident_accepted(language: str, organization: str, due: datetime) -> str:
    """'<organisation> will contact you by <day>' in the resident's language."""
    day = format_day(as_utc(due), language)
    return text(f"resident.accepted.{language}", organization=organization, due=day)


def dutch_moment(moment: datetime) -> str:
    """'vrijdag 28 november 17:00' for texts to organisations and coordinators."""
    moment = as_utc(moment)
    return f"{format_day(moment, 'nl')} {moment.astimezone(AMSTERDAM):%H:%M}"
