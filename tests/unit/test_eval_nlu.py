"""Metric functions of scripts/eval_nlu.py: pure, so checked here without training a model.

Why: the NLU targets are judged on these numbers, so a wrong F1 or a mis-matched entity would
pass or fail the model for the wrong reason.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.language import sticky

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "eval_nlu.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_nlu", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_nlu"] = module
    spec.loader.exec_module(module)
    return module


ev = _load()


def ent(entity: str, value: str, start: int, end: int) -> dict:
    return {"entity": entity, "value": value, "start": start, "end": end}


def test_classification_report_counts_fallback_as_a_label() -> None:
    gold = ["greet", "greet", "deny", "stop"]
    predicted = ["greet", "nlu_fallback", "deny", "deny"]
    report = ev.classification_report(gold, predicted)
    assert report["accuracy"] == pytest.approx(0.5)
    greet = report["per_label"]["greet"]
    assert (greet["precision"], greet["recall"]) == (1.0, 0.5)
    assert greet["f1"] == pytest.approx(2 / 3)
    deny = report["per_label"]["deny"]
    assert (deny["precision"], deny["recall"], deny["support"]) == (0.5, 1.0, 1)
    # greet 2/3, deny 2/3, stop 0, nlu_fallback 0 -> (4/3) / 4
    assert report["macro_f1"] == pytest.approx(1 / 3)


def test_classification_report_rejects_misaligned_lists() -> None:
    with pytest.raises(ValueError):
        ev.classification_report(["a"], [])


def test_recall_of_is_none_without_gold_examples() -> None:
    assert ev.recall_of(["a", "b"], ["a", "a"], "c") is None
    assert ev.recall_of(["self_harm", "self_harm"], ["self_harm", "stop"], "self_harm") == 0.5


def test_span_entities_match_on_overlap_not_value() -> None:
    gold = [ent("municipality", "amersfoort", 8, 18)]
    predicted = [ent("municipality", "GM0307", 8, 18)]
    assert ev.entity_matches(gold, predicted, "municipality") == (1, 0, 0)
    elsewhere = [ent("municipality", "GM0307", 0, 5)]
    assert ev.entity_matches(gold, elsewhere, "municipality") == (0, 1, 1)


def test_value_entities_match_on_value_not_span() -> None:
    gold = [ent("threat", "eviction", 10, 30)]
    assert ev.entity_matches(gold, [ent("threat", "eviction", 0, 5)], "threat") == (1, 0, 0)
    assert ev.entity_matches(gold, [ent("threat", "water_cutoff", 10, 30)], "threat") == (0, 1, 1)


def test_one_annotation_matches_one_prediction() -> None:
    gold = [ent("threat", "eviction", 0, 5)]
    predicted = [ent("threat", "eviction", 0, 5), ent("threat", "eviction", 10, 15)]
    assert ev.entity_matches(gold, predicted, "threat") == (1, 1, 0)


def test_municipality_derived_from_postcode_is_not_scored() -> None:
    gold = [ent("postcode", "2512 CE", 10, 17)]
    predicted = [ent("postcode", "2512 CE", 10, 17), ent("municipality", "GM0518", 10, 17)]
    assert ev.entity_matches(gold, predicted, "municipality") == (0, 0, 0)
    assert ev.entity_matches(gold, predicted, "postcode") == (1, 0, 0)


def test_entity_report_is_micro_averaged() -> None:
    gold = [[ent("postcode", "1", 0, 4)], [ent("postcode", "2", 0, 4)], []]
    predicted = [[ent("postcode", "1", 0, 4)], [], [ent("postcode", "3", 0, 4)]]
    report = ev.entity_report(gold, predicted, ["postcode"])["postcode"]
    assert (report["precision"], report["recall"], report["support"]) == (0.5, 0.5, 2)
    assert report["f1"] == pytest.approx(0.5)


def test_threat_report_needs_the_annotated_type() -> None:
    gold_intents = ["inform_urgent", "inform_urgent", "inform_urgent", "ask_help"]
    gold_entities = [
        [ent("threat", "eviction", 0, 3)],
        [ent("threat", "water_cutoff", 0, 3)],
        [ent("threat", "energy_cutoff", 0, 3)],
        [],
    ]
    predicted_intents = ["inform_urgent", "ask_help", "inform_urgent", "ask_help"]
    predicted_entities = [
        [ent("threat", "eviction", 0, 3)],
        [ent("threat", "water_cutoff", 0, 3), ent("threat", "energy_cutoff", 5, 8)],
        [ent("threat", "water_cutoff", 0, 3)],
        [],
    ]
    report = ev.threat_report(gold_intents, gold_entities, predicted_intents, predicted_entities)
    assert report["n"] == 3
    assert report["accuracy"] == pytest.approx(2 / 3)
    assert report["exact"] == pytest.approx(1 / 3)
    assert report["with_intent"] == pytest.approx(1 / 3)


def test_threat_report_without_urgent_messages_is_not_measured() -> None:
    assert ev.threat_report(["greet"], [[]], ["greet"], [[]])["accuracy"] is None


def test_language_report_separates_messages_without_language() -> None:
    # "merhaba", "Delft" (no evidence: fallback nl, confidence 0), "ja" (weak nl), "evet"
    detected = ["tr", "nl", "nl", "tr"]
    confidences = [0.7, 0.0, 0.4, 0.7]
    report = ev.language_report("tr", detected, confidences)
    assert report["accuracy"] == pytest.approx(0.5)
    assert report["no_language"] == 1
    assert report["accuracy_with_evidence"] == pytest.approx(2 / 3)
    # Sticky: neither the neutral "Delft" nor the unsure "ja" switches the conversation.
    assert report["conversation_accuracy"] == 1.0


def test_language_report_conversation_uses_no_gold_label() -> None:
    # A conversation that opens with a neutral message starts in Dutch like the real bot.
    report = ev.language_report("ar", ["nl", "ar"], [0.0, 0.9])
    assert report["conversation_accuracy"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("current", "detected", "confidence"),
    [
        (None, None, 0.0),
        (None, "tr", 0.6),
        (None, "tr", 0.3),
        ("tr", "nl", 0.7),
        ("tr", "nl", 0.9),
        ("ar", "ar", 0.1),
        ("ar", None, 0.0),
    ],
)
def test_reply_language_mirrors_the_sticky_rule(
    current: str | None, detected: str | None, confidence: float
) -> None:
    expected = sticky.choose_reply_language(current, detected, confidence)
    assert ev.reply_language(current, detected, confidence) == expected


def test_target_status() -> None:
    figures = {
        "language_id_accuracy": 0.99,
        "intent_accuracy": 0.9,
        "inform_urgent_recall": None,
        "threat_type_accuracy": 1.0,
        "self_harm_recall": 0.999,
    }
    status = ev.target_status(figures)
    assert status == {
        "language_id_accuracy": "PASS",
        "intent_accuracy": "FAIL",
        "inform_urgent_recall": "n/a",
        "threat_type_accuracy": "PASS",
        "self_harm_recall": "FAIL",
    }


def test_to_parsed_reads_rasa_output() -> None:
    result = {
        "text": "ok",
        "intent": {"name": "nlu_fallback", "confidence": 0.45},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": "affirm", "confidence": 0.4},
        ],
        "entities": [ent("postcode", "2512 CE", 0, 7) | {"extractor": "X", "extra": 1}],
        "language": "nl",
        "language_confidence": 0.0,
    }
    parsed = ev.to_parsed(result)
    assert (parsed.intent, parsed.top_intent, parsed.language) == ("nlu_fallback", "affirm", "nl")
    assert parsed.confidence == 0.4
    assert parsed.entities == [ent("postcode", "2512 CE", 0, 7) | {"extractor": "X"}]


def test_threat_override_makes_a_threat_urgent_but_keeps_self_harm() -> None:
    threat = [ent("threat", "eviction", 0, 5)]
    assert ev.threat_override("ask_help", threat) == "inform_urgent"
    assert ev.threat_override("nlu_fallback", threat) == "inform_urgent"
    assert ev.threat_override("self_harm", threat) == "self_harm"
    assert ev.threat_override("ask_help", [ent("postcode", "1234 AB", 0, 7)]) == "ask_help"


def test_in_top_needs_rank_and_floor() -> None:
    ranking = [("stop", 0.6), ("self_harm", 0.3), ("deny", 0.05)]
    assert ev.in_top(ranking, "self_harm")
    assert not ev.in_top(ranking, "deny", k=3)  # below the floor
    assert not ev.in_top(ranking, "deny", k=2, floor=0.0)  # third place


def test_what_if_report() -> None:
    gold = ["inform_urgent", "self_harm", "stop"]
    predicted = ["ask_help", "stop", "stop"]
    entities = [[ent("threat", "eviction", 0, 5)], [], []]
    rankings = [
        [("ask_help", 0.5)],
        [("stop", 0.5), ("self_harm", 0.4)],
        [("stop", 0.7), ("self_harm", 0.2)],
    ]
    report = ev.what_if_report(gold, predicted, entities, rankings)
    assert report["threat_override_urgent_recall"] == 1.0
    assert report["threat_override_accuracy"] == pytest.approx(2 / 3)
    assert report["self_harm_top2_recall"] == 1.0
    assert report["self_harm_top2_false_alarms"] == 1
