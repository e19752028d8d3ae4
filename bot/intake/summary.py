"""Summaries of an intake: one for the resident to confirm, one for the receiving helper.

The resident sees their answers in their own language ("klopt dit?"). The organisation gets a
short Dutch summary so the resident does not have to tell the story twice; the resident's own
words go along as typed (BSN/IBAN removed), because that is what they agreed to pass on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.geo import default_registry
from bot.intake.content import field_label, option_label
from bot.privacy.redact import redact_text

ISOLATE = "\u2068{}\u2069"
CONTACT_METHOD_LABEL = {"phone": "phone_call"}


def _options(values: Any, language: str) -> str:
    separator = "، " if language == "ar" else ", "
    return separator.join(option_label(str(value), language) for value in (values or []))


def _municipality_name(code: str | None) -> str:
    municipality = default_registry().by_code(code) if code else None
    return municipality.name if municipality else (code or "")


def _latin(text: str, language: str) -> str:
    """Names, numbers and addresses stay left-to-right inside Arabic text."""
    return ISOLATE.format(text) if language == "ar" and text else text


def resident_summary(slots: Mapping[str, Any], language: str) -> str:
    """A few short lines, one per topic, in the resident's language."""
    lines = []
    if slots.get("debt_kinds"):
        lines.append((field_label("debt_kinds", language), _options(slots["debt_kinds"], language)))
    if slots.get("threats"):
        threats = _options(slots["threats"], language)
        if slots.get("threat_date"):
            threats += f" ({_latin(slots['threat_date'], language)})"
        lines.append((field_label("threats", language), threats))
    if slots.get("life_domains"):
        lines.append(
            (field_label("life_domains", language), _options(slots["life_domains"], language))
        )
    name = _municipality_name(slots.get("municipality"))
    lines.append((field_label("municipality", language), _latin(name, language)))
    if slots.get("helper_language"):
        lines.append(
            (
                field_label("helper_language", language),
                option_label(slots["helper_language"], language),
            )
        )
    method = slots.get("contact_method") or "phone"
    contact = option_label(CONTACT_METHOD_LABEL.get(method, method), language)
    if slots.get("contact_value"):
        contact += " " + _latin(slots["contact_value"], language)
    if slots.get("contact_time"):
        contact += f", {option_label(slots['contact_time'], language)}"
    lines.append((field_label("contact", language), contact))
    if slots.get("offered_organization"):
        lines.append(
            (field_label("organization", language), _latin(slots["offered_organization"], language))
        )
    return "\n".join(f"• {label}: {value}" for label, value in lines)


def handover_summary(slots: Mapping[str, Any], route_reason: str) -> str:
    """The Dutch summary for the receiving organisation (minimum needed, nothing more)."""
    parts = [f"Route: {route_reason}."]
    if slots.get("debt_kinds"):
        parts.append(f"Schulden: {_options(slots['debt_kinds'], 'nl')}.")
    if slots.get("threats"):
        when = f" (wanneer: {slots['threat_date']})" if slots.get("threat_date") else ""
        parts.append(f"Dringend: {_options(slots['threats'], 'nl')}{when}.")
    if slots.get("life_domains"):
        parts.append(f"Speelt ook: {_options(slots['life_domains'], 'nl')}.")
    other_help = slots.get("other_help")
    parts.append(
        "Nog geen andere hulp." if other_help in (None, "none") else f"Andere hulp: {other_help}."
    )
    if slots.get("helper_language"):
        parts.append(f"Voorkeurstaal helper: {option_label(slots['helper_language'], 'nl')}.")
    if slots.get("contact_time"):
        parts.append(f"Bereikbaar: {option_label(slots['contact_time'], 'nl')}.")
    if slots.get("worry"):
        parts.append(f'In eigen woorden: "{redact_text(slots["worry"])}"')
    return " ".join(parts)
