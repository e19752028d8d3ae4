"""Resident-facing content kept in data files (tips, summary labels), per language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

INTAKE_DATA = Path(__file__).resolve().parents[2] / "data" / "intake"
LANGUAGES = ("nl", "tr", "ar")
MIN_TIPS, MAX_TIPS = 3, 5


@lru_cache(maxsize=8)
def tips(language: str) -> tuple[str, ...]:
    """The self-help tips for a language (3 to 5, checked so a bad edit fails loudly)."""
    path = INTAKE_DATA / "tips" / f"{language}.yml"
    loaded = tuple(yaml.safe_load(path.read_text(encoding="utf-8"))["tips"])
    if not MIN_TIPS <= len(loaded) <= MAX_TIPS:
        raise ValueError(f"{path}: {len(loaded)} tips, expected {MIN_TIPS} to {MAX_TIPS}")
    return loaded


@lru_cache(maxsize=1)
def labels() -> dict:
    return yaml.safe_load((INTAKE_DATA / "labels.yml").read_text(encoding="utf-8"))


def field_label(field: str, language: str) -> str:
    return labels()["fields"][field][language]


def option_label(option: str, language: str) -> str:
    """The option in the resident's language; unknown (free text) options are shown as is."""
    entry = labels()["options"].get(option)
    return entry[language] if entry else option
