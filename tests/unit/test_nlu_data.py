"""Training data rules from the issue: enough examples, no duplicates, no held-out leakage."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu.language_detector import language_from_metadata

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("nl", "tr", "ar")
CORE_INTENTS = (
    "greet", "goodbye", "thank", "affirm", "deny", "ask_help", "inform_urgent",
    "inform_location", "request_human", "change_language", "ask_privacy", "bot_challenge",
    "self_harm", "out_of_scope",
)  # fmt: skip
MIN_EXAMPLES = 25
HELD_OUT = sorted((REPO / "tests" / "nlu").rglob("*.yml"))


def normalised(text: str) -> str:
    """Case, accents, punctuation and spacing removed: "Hallo!!" and "hallo" are one example."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def examples(path: Path) -> list[tuple[str, str, str | None]]:
    return [
        (m.get("text"), m.get("intent"), language_from_metadata(m))
        for m in load_data(str(path)).training_examples
        if m.get("text") and m.get("intent")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_core_intent_has_enough_examples(language: str) -> None:
    counts = Counter(intent for _, intent, _ in examples(REPO / "data" / "nlu" / f"{language}.yml"))
    short = {i: counts[i] for i in CORE_INTENTS if counts[i] < MIN_EXAMPLES}
    assert not short, f"{language}.yml: fewer than {MIN_EXAMPLES} examples: {short}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_example_is_labelled_with_its_files_language(language: str) -> None:
    wrong = [t for t, _, lang in examples(REPO / "data" / "nlu" / f"{language}.yml")
             if lang != language]  # fmt: skip
    assert not wrong, f"{language}.yml: examples without `metadata: language: {language}`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_example_is_written_twice(language: str) -> None:
    """Within one language; across languages the same "merhaba" or "ok" is what people type."""
    counts = Counter(
        normalised(text) for text, _, _ in examples(REPO / "data" / "nlu" / f"{language}.yml")
    )
    repeated = [text for text, n in counts.items() if n > 1]
    assert not repeated, f"{language}.yml: repeated examples: {repeated[:10]}"


def test_no_example_is_filed_under_two_intents() -> None:
    intents: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for text, intent, _ in examples(REPO / "data" / "nlu" / f"{language}.yml"):
            intents.setdefault(normalised(text), set()).add(intent)
    conflicts = {text: sorted(i) for text, i in intents.items() if len(i) > 1}
    assert not conflicts, f"examples under two intents: {conflicts}"


def test_held_out_messages_never_appear_in_the_training_data() -> None:
    """A leaked held-out message would make the figures in reports/nlu/ a lie."""
    assert HELD_OUT, "tests/nlu/ holds the held-out sets"
    training = {
        normalised(text)
        for language in LANGUAGES
        for text, _, _ in examples(REPO / "data" / "nlu" / f"{language}.yml")
    }
    leaked = [
        (path.name, text)
        for path in HELD_OUT
        for text, _, _ in examples(path)
        if normalised(text) in training
    ]
    assert not leaked, f"held-out messages found in data/nlu: {leaked[:10]}"
