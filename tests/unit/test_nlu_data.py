"""Training data rules from the issue: enough examples, no duplicates, no held-out leakage."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu.language_detector import language_from_metadata
from tests.unit.eval_script import eval_script

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("nl", "tr", "ar")
CORE_INTENTS = (
    "greet", "goodbye", "thank", "affirm", "deny", "ask_help", "inform_urgent",
    "inform_location", "request_human", "change_language", "ask_privacy", "bot_challenge",
    "self_harm", "out_of_scope",
)  # fmt: skip
MIN_EXAMPLES = 25
NEAR_MIN_WORDS = 4
NEAR_SHARE = 0.8
HELD_OUT_DIR = REPO / "tests" / "nlu"
CONVERSATIONS = sorted(HELD_OUT_DIR.rglob("conversations_*.yml"))
"""Whole held-out conversations (scripts/eval_nlu.py: load_conversations), not Rasa NLU files."""
HELD_OUT = sorted(set(HELD_OUT_DIR.rglob("*.yml")) - set(CONVERSATIONS))


def normalised(text: str) -> str:
    """Case, accents, punctuation and spacing removed: "Hallo!!" and "hallo" are one example."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def conversation_turns(path: Path) -> list[str]:
    """The turns as the evaluation reads them (it refuses a turn YAML did not read as text)."""
    return [turn.text for turn in eval_script().load_conversations(path)]


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


def near_duplicates(a: set[str], b: set[str]) -> bool:
    """Sentences of four words or more that share 80 % of their words ("ja dat wil ik" and
    "ja ik wil dat", "... graag" added): one word swapped or moved is no new example."""
    return min(len(a), len(b)) >= NEAR_MIN_WORDS and len(a & b) >= NEAR_SHARE * len(a | b)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_example_is_a_near_duplicate_of_another(language: str) -> None:
    words = [
        (text, set(normalised(text).split()))
        for text, _, _ in examples(REPO / "data" / "nlu" / f"{language}.yml")
    ]
    pairs = [
        (a, b) for (a, wa), (b, wb) in itertools.combinations(words, 2) if near_duplicates(wa, wb)
    ]
    assert not pairs, f"{language}.yml: near-duplicate examples: {pairs[:10]}"


def test_the_near_duplicate_rule_is_not_vacuous() -> None:
    def near(a: str, b: str) -> bool:
        return near_duplicates(set(normalised(a).split()), set(normalised(b).split()))

    assert near("ja dat wil ik", "ja, ik wil dat")
    assert near("yok oyle bir sey", "yok öyle bir şey yok")
    assert not near("ik heb schulden", "ik heb schulden hoor")
    assert not near("ik kan de huur niet betalen", "ik kan de energie niet betalen")


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
    held_out = [(path, text) for path in HELD_OUT for text, _, _ in examples(path)]
    held_out += [(path, text) for path in CONVERSATIONS for text in conversation_turns(path)]
    leaked = [
        (str(path.relative_to(HELD_OUT_DIR)), text)
        for path, text in held_out
        if normalised(text) in training
    ]
    assert not leaked, f"held-out messages found in data/nlu: {leaked[:10]}"


def test_threat_and_self_harm_rules_fire_on_no_other_intent() -> None:
    """The rule lexicons overrule the classifier, so a rule that also fires on "ik heb een
    vraag over mijn huur" would send ordinary messages down the urgent or 113 path. A self-harm
    message may name a threat ("als ze me uit huis zetten spring ik van de flat"): the self-harm
    words win there (bot/nlu/safety.py)."""
    from bot.nlu.matching import find_threats, mentions_self_harm

    paths = [REPO / "data" / "nlu" / f"{language}.yml" for language in LANGUAGES] + HELD_OUT
    messages = [
        (str(path.relative_to(REPO)), text, intent)
        for path in paths
        for text, intent, _ in examples(path)
    ]
    urgent_or_worse = {"inform_urgent", "self_harm"}
    threats = [m for m in messages if m[2] not in urgent_or_worse and find_threats(m[1])]
    self_harm = [m for m in messages if m[2] != "self_harm" and mentions_self_harm(m[1])]
    assert not threats, f"threat rules fire on other intents: {threats[:10]}"
    assert not self_harm, f"self-harm rules fire on other intents: {self_harm[:10]}"
