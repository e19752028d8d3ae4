"""Metric functions of scripts/eval_nlu.py: pure, so checked here without training a model.

Why: the NLU targets are judged on these numbers, so a wrong F1 or a mis-matched entity would
pass or fail the model for the wrong reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.eval_script import eval_script

ev = eval_script()


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
    report = ev.language_report("tr", detected, confidences, ["tr", "tr", "tr", "tr"])
    assert report["accuracy"] == pytest.approx(0.5)
    assert report["no_language"] == 1
    assert report["accuracy_with_evidence"] == pytest.approx(2 / 3)
    assert report["conversation_accuracy"] == 1.0


def test_language_report_without_a_conversation_pass() -> None:
    assert ev.language_report("ar", ["ar"], [0.9])["conversation_accuracy"] is None


def test_conversations_file_labels_turns_after_a_switch(tmp_path: Path) -> None:
    path = tmp_path / "conversations_nl.yml"
    path.write_text(
        "conversations:\n"
        "- persona: a\n  language: nl\n  turns:\n  - hoi\n"
        "  - text: kan het in het turks\n    language: tr\n  - merhaba\n"
        "- persona: b\n  language: ar\n  turns:\n  - salam\n",
        encoding="utf-8",
    )
    assert ev.load_conversations(path) == [
        ev.Turn(0, "hoi", "nl"),
        ev.Turn(0, "kan het in het turks", "tr"),
        ev.Turn(0, "merhaba", "tr"),  # the switch holds for later turns
        ev.Turn(1, "salam", "ar"),
    ]
    path.write_text("conversations:\n- language: nl\n  turns:\n  - no\n", encoding="utf-8")
    with pytest.raises(ValueError, match="put it in quotes"):
        ev.load_conversations(path)


def test_conversation_report_scores_text_conversation_and_reply_language() -> None:
    turns = [ev.Turn(0, "merhaba", "tr"), ev.Turn(0, "ok", "tr"), ev.Turn(0, "in het turks", "tr")]
    parsed = [
        ev.Conversed("tr", "tr", 0.7, "tr"),
        ev.Conversed("nl", "tr", 0.0, "tr"),  # neutral: the conversation keeps Turkish
        ev.Conversed("nl", "nl", 0.9, "tr"),  # a Dutch request for Turkish: reply in Turkish
    ]
    report = ev.conversation_report(turns, parsed)
    assert report["message_accuracy"] == pytest.approx(1 / 3)
    assert report["conversation_accuracy"] == pytest.approx(2 / 3)
    assert report["reply_accuracy"] == 1.0
    assert [e["text"] for e in report["disagreements"]] == ["in het turks"]


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


def test_entity_cell_marks_entities_a_set_does_not_annotate() -> None:
    assert ev.entity_cell({"f1": 0.0, "support": 0, "predicted": 0}) == "– (n=0)"
    assert ev.entity_cell({"f1": 0.0, "support": 0, "predicted": 2}) == "0.0% (n=0)"
    assert ev.entity_cell({"f1": 0.5, "support": 4, "predicted": 4}) == "50.0% (n=4)"
