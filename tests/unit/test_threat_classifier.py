"""ThreatTypeClassifier through Rasa's own objects: Features, Message, LocalModelStorage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.threat_classifier import ThreatTypeClassifier, annotated_threat

# A two-number "sentence vector" per threat type stands in for a featurizer's output.
DIRECTION = {"eviction": [1.0, 0.0], "energy_cutoff": [0.0, 1.0]}


def featurized(text: str, vector: list[float], **data: object) -> Message:
    message = Message(data={TEXT: text, **data})
    message.add_features(Features(np.array([vector]), FEATURE_TYPE_SENTENCE, TEXT, "encoder"))
    return message


def example(text: str, threat: str) -> Message:
    entity = {"entity": "threat", "value": threat, "start": 0, "end": len(text)}
    return featurized(text, DIRECTION[threat], intent="inform_urgent", entities=[entity])


def urgent(
    text: str,
    vector: list[float],
    entities: list[dict] | None = None,
    confidence: float = 0.9,
    **data: object,
) -> Message:
    intent = {"name": "inform_urgent", "confidence": confidence}
    return featurized(text, vector, intent=intent, entities=entities or [], **data)


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="threats")


def trained(tmp_path: Path, config: dict | None = None) -> ThreatTypeClassifier:
    storage, resource = LocalModelStorage(tmp_path), Resource("threats")
    component = ThreatTypeClassifier.create(config or {}, storage, resource, _context())
    examples = [example(f"huis {i}", "eviction") for i in range(4)]
    examples += [example(f"stroom {i}", "energy_cutoff") for i in range(4)]
    examples.append(featurized("ik heb schulden", [0.5, 0.5], intent="ask_help"))
    component.train(TrainingData(examples))
    return ThreatTypeClassifier.load(config or {}, storage, resource, _context())


def test_an_urgent_message_without_a_rule_match_gets_the_likely_type(tmp_path: Path) -> None:
    component = trained(tmp_path)
    message = urgent("ze zetten ons eruit", [0.9, 0.1])
    component.process([message])
    [entity] = message.get(ENTITIES)
    assert (entity["entity"], entity["value"], entity["extractor"]) == (
        "threat", "eviction", "ThreatTypeClassifier"
    )  # fmt: skip
    assert (entity["start"], entity["end"]) == (0, len("ze zetten ons eruit"))
    assert 0.6 <= entity["confidence_entity"] <= 1.0


def test_a_rule_match_other_intents_and_unsure_guesses_are_left_alone(tmp_path: Path) -> None:
    component = trained(tmp_path)
    rule = {"entity": "threat", "value": "water_cutoff", "start": 0, "end": 5,
            "extractor": "WegwijsEntityExtractor"}  # fmt: skip
    matched = urgent("water dicht", [0.9, 0.1], [rule])
    other = featurized("ik heb schulden", [0.9, 0.1], intent={"name": "ask_help"})
    unsure = urgent("iets met de brief", [0.5, 0.5])
    hesitant = urgent("een herinnering gekregen", [0.9, 0.1], confidence=0.6)
    # a reminder about the rent, hesitantly urgent: its subject alone does not decide
    reminder = urgent("herinnering over de huur", [0.9, 0.1], confidence=0.5)
    component.process([matched, other, unsure, hesitant, reminder])
    assert matched.get(ENTITIES) == [rule]
    assert not other.get(ENTITIES)
    assert not unsure.get(ENTITIES)
    assert not hesitant.get(ENTITIES)  # the intent classifier was not sure it is urgent
    assert not reminder.get(ENTITIES)


def test_the_threshold_is_configurable(tmp_path: Path) -> None:
    strict = trained(tmp_path, {"threshold": 0.9999})
    message = urgent("ze zetten ons eruit", [0.9, 0.1])
    strict.process([message])
    assert not message.get(ENTITIES)


def test_without_two_annotated_types_it_only_passes_messages_on(tmp_path: Path) -> None:
    storage, resource = LocalModelStorage(tmp_path), Resource("threats")
    component = ThreatTypeClassifier.create({}, storage, resource, _context())
    component.train(TrainingData([example("huis", "eviction"), example("huis 2", "eviction")]))
    loaded = ThreatTypeClassifier.load({}, storage, resource, _context())
    assert not loaded.trained
    message = urgent("ze zetten ons eruit", [1.0, 0.0])
    loaded.process([message])
    assert not message.get(ENTITIES)


def test_load_without_a_persisted_model(tmp_path: Path) -> None:
    component = ThreatTypeClassifier.load(
        {}, LocalModelStorage(tmp_path), Resource("never_trained"), _context()
    )
    assert not component.trained


@pytest.mark.parametrize(
    ("values", "expected"),
    [(["eviction"], "eviction"), (["eviction", "eviction"], "eviction"),
     (["eviction", "water_cutoff"], None), ([], None)],
)  # fmt: skip
def test_annotated_threat_needs_exactly_one_type(values: list[str], expected: str | None) -> None:
    entities = [{"entity": "threat", "value": v, "start": 0, "end": 1} for v in values]
    assert annotated_threat(Message(data={TEXT: "x", INTENT: "inform_urgent",
                                          ENTITIES: entities})) == expected  # fmt: skip


def test_probabilities_match_scikit_learn_for_several_types(tmp_path: Path) -> None:
    """Production has four types: the exported multi-class scoring must equal predict_proba."""
    from sklearn.linear_model import LogisticRegression

    directions = {"eviction": [1.0, 0.0, 0.0], "energy_cutoff": [0.0, 1.0, 0.0],
                  "water_cutoff": [0.0, 0.0, 1.0]}  # fmt: skip
    examples = []
    for threat, vector in directions.items():
        for i in range(4):
            noisy = [v + 0.1 * ((i + j) % 3) for j, v in enumerate(vector)]
            message = featurized(f"{threat} {i}", noisy, intent="inform_urgent")
            message.set(ENTITIES, [{"entity": "threat", "value": threat, "start": 0, "end": 3}])
            examples.append(message)
    storage, resource = LocalModelStorage(tmp_path), Resource("threats")
    component = ThreatTypeClassifier.create({}, storage, resource, _context())
    component.train(TrainingData(examples))
    loaded = ThreatTypeClassifier.load({}, storage, resource, _context())

    reference = LogisticRegression(C=1.0, max_iter=5000).fit(
        [m.features[0].features.ravel() / np.linalg.norm(m.features[0].features) for m in examples],
        [annotated_threat(m) for m in examples],
    )
    probe = featurized("?", [0.3, 0.5, 0.2])
    expected = reference.predict_proba(
        [np.array([0.3, 0.5, 0.2]) / np.linalg.norm([0.3, 0.5, 0.2])]
    )
    got = loaded.probabilities(probe)
    assert list(got) == list(reference.classes_)
    assert np.allclose(list(got.values()), expected[0], atol=1e-6)


def test_one_named_subject_decides_even_against_the_classifier(tmp_path: Path) -> None:
    """What is at stake (data/nlu/lexicons/threats.yml topics) beats the sentence guess, and
    needs a less confident intent (0.6) than a guess does (0.7)."""
    component = trained(tmp_path)
    text = "a3tawna date dyal lkhrouj mn lhuis"
    message = urgent(text, [0.1, 0.9], confidence=0.6, text_language="ar")
    component.process([message])
    [entity] = message.get(ENTITIES)
    assert (entity["value"], entity["extractor"]) == ("eviction", "ThreatTypeClassifier")
    assert entity["confidence_entity"] < 0.5  # the classifier's own view is kept


def test_several_subjects_leave_the_choice_to_a_sure_classifier(tmp_path: Path) -> None:
    component = trained(tmp_path)
    sure = urgent("de huur en de stroom, help", [0.1, 0.9])
    hesitant = urgent("de huur en de stroom, help", [0.1, 0.9], confidence=0.5)
    component.process([sure, hesitant])
    assert [e["value"] for e in sure.get(ENTITIES)] == ["energy_cutoff"]
    assert not hesitant.get(ENTITIES)


def test_a_subject_the_classifier_never_learned_falls_back_to_its_rules(tmp_path: Path) -> None:
    # Trained on eviction and energy only: "Vitens" (water) cannot be chosen, and the
    # classifier must not name another type for a message about water: the intake asks.
    component = trained(tmp_path)
    sure = urgent("Vitens, help", [0.95, 0.05])
    component.process([sure])
    assert not sure.get(ENTITIES)


def test_a_named_subject_needs_a_fairly_sure_urgent_intent(tmp_path: Path) -> None:
    component = trained(tmp_path, {"topic_min_intent_confidence": 0.6})
    hesitant = urgent("a3tawna date dyal lkhrouj mn lhuis", [0.1, 0.9], confidence=0.5)
    component.process([hesitant])
    assert not hesitant.get(ENTITIES)


def test_choose_on_an_untrained_component_leaves_the_type_open(tmp_path: Path) -> None:
    storage, resource = LocalModelStorage(tmp_path), Resource("threats")
    component = ThreatTypeClassifier.create({}, storage, resource, _context())
    assert component.choose(urgent("de huur", [1.0, 0.0]), 0.9) == (None, 0.0)
