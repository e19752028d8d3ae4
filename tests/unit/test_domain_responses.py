"""Every resident-facing text exists in nl, tr and ar, and Arabic isolates embedded Latin."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
LANGUAGES = {"nl", "tr", "ar"}
ISOLATE_OPEN, ISOLATE_CLOSE = "\u2068", "\u2069"
# Filled by actions that isolate the Latin parts inside them line by line.
PRE_ISOLATED = {"{summary}"}


def _variations_by_language(variations: list[dict]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for variation in variations:
        conditions = variation.get("condition") or []
        languages = [c["value"] for c in conditions if c.get("name") == "language"]
        found[languages[0] if languages else "nl"] = variation
    return found


def test_every_response_has_nl_tr_and_ar() -> None:
    missing = {
        name: sorted(LANGUAGES - set(_variations_by_language(variations)))
        for name, variations in DOMAIN["responses"].items()
    }
    assert {name: langs for name, langs in missing.items() if langs} == {}


def test_buttons_offer_the_same_choices_in_every_language() -> None:
    """Same number of buttons everywhere; intent payloads ("/affirm") identical; text
    payloads are the title itself, so a click reads like a typed answer."""
    for name, variations in DOMAIN["responses"].items():
        by_language = _variations_by_language(variations)
        counts = {lang: len(v.get("buttons", [])) for lang, v in by_language.items()}
        assert len(set(counts.values())) == 1, (name, counts)
        intents = {
            lang: [b["payload"] for b in v.get("buttons", []) if b["payload"].startswith("/")]
            for lang, v in by_language.items()
        }
        assert len({tuple(p) for p in intents.values()}) == 1, (name, intents)
        for variation in by_language.values():
            for button in variation.get("buttons", []):
                assert button["payload"].startswith("/") or button["payload"] == button["title"]


def test_arabic_texts_isolate_placeholders_and_latin_numbers() -> None:
    for name, variations in DOMAIN["responses"].items():
        arabic = _variations_by_language(variations)["ar"]["text"]
        for match in re.finditer(r"\{[a-z_]+\}|[0-9A-Za-z][0-9A-Za-z .-]*[0-9A-Za-z]", arabic):
            if match.group(0) in PRE_ISOLATED:
                continue
            before = arabic[: match.start()]
            assert before.count(ISOLATE_OPEN) > before.count(ISOLATE_CLOSE), (
                f"{name}: {match.group(0)!r} is not inside U+2068…U+2069"
            )


def test_arabic_and_turkish_texts_are_not_copies_of_the_dutch() -> None:
    for name, variations in DOMAIN["responses"].items():
        by_language = _variations_by_language(variations)
        assert re.search(r"[\u0600-\u06FF]", by_language["ar"]["text"]), name
        assert by_language["tr"]["text"] != by_language["nl"]["text"], name
