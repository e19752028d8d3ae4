"""Rasa component: the threat type of an urgent message that no threat rule recognised.

Why: the rules in data/nlu/lexicons/threats.yml are precise, but every new group of writers
brings wording they lack ("ut huis uit motte", "ylghiwha"), and then an urgent message arrives
without its type: the urgent number waits until the intake asks about threats. Two things name
the type once the intent says urgent and no rule fired:

- **What is at stake.** The ``topics`` of threats.yml list the words for the home, energy,
  water and health insurance ("huur", "lgaz", "Vitens", "zilveren kruis", "المي"), without
  the verb. An urgent message that names exactly one of them gets that type when the intent
  classifier is at least ``topic_min_intent_confidence`` sure it is urgent: the subject
  rarely has new wording, the verb often does ("ysedo lcompteur", "7aydouni"), but a
  reminder from the insurer that the classifier hesitantly calls urgent must not get the
  urgent number (on the held-out sets, 0.6 kept 22 of 25 right types and let 5 of 9 wrong
  ones through, against 25 and 9 without a bar). When it names several, the classifier below
  chooses among them if sure enough; a topic the classifier never learned leaves the type
  open.
- **A classifier.** A logistic regression over the same sentence features as the intent
  classifier, trained on the inform_urgent examples of data/nlu with one annotated type. For
  a message naming no topic it must be at least ``threshold`` sure, and the intent classifier
  at least ``min_intent_confidence``: it cannot tell a threat from a reminder about the same
  bill, so it trusts only a confident urgent intent (on the first four blind sets, with the
  rules switched off, every message rightly classed urgent had at least 0.7 and most wrongly
  urgent ones less).

The entity spans the whole message (a type was inferred, not matched on words) and names this
component as its extractor, so reports can tell an inference from a rule match; the
classifier's probability for the chosen type is in ``confidence_entity``. It fills the
``threats`` slot like a rule match: the urgent number comes at once, and the resident confirms
or corrects the threat in the summary. Persisted as JSON, not pickle.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.intent_classifier import Layout, learn_layout, sentence_matrix, sentence_vector
from bot.nlu.language_detector import TEXT_LANGUAGE
from bot.nlu.matching import THREAT, find_threat_topics

logger = logging.getLogger(__name__)

URGENT = "inform_urgent"
MODEL_FILE = "threat_classifier.json"


def annotated_threat(message: Message) -> str | None:
    """The one threat type annotated on a training example; None for none or several."""
    values = {e.get("value") for e in message.get(ENTITIES) or [] if e.get("entity") == THREAT}
    return values.pop() if len(values) == 1 else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class ThreatTypeClassifier(GraphComponent, EntityExtractorMixin):
    """Adds a ``threat`` entity to an urgent message without one, when sure enough."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Below this probability no type is guessed; the intake then asks.
            "threshold": 0.6,
            # Only for messages the intent classifier is this sure are urgent.
            "min_intent_confidence": 0.7,
            # The same, for a message whose one named subject decides the type.
            "topic_min_intent_confidence": 0.6,
            # Inverse regularisation strength of the logistic regression.
            "C": 1.0,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.layout: Layout = []
        self.classes: list[str] = []
        self.coef = np.zeros((0, 0))
        self.intercept = np.zeros(0)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ThreatTypeClassifier:
        return cls(config, model_storage, resource)

    @property
    def trained(self) -> bool:
        return len(self.classes) >= 2

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        examples = [
            (message, label)
            for message in training_data.intent_examples
            if message.get(INTENT) == URGENT and (label := annotated_threat(message))
        ]
        if len({label for _, label in examples}) < 2:
            logger.warning(
                "ThreatTypeClassifier: fewer than two threat types annotated on %s examples; "
                "only the threat rules will name types.",
                URGENT,
            )
        else:
            messages = [message for message, _ in examples]
            self.layout = learn_layout(messages)
            features = sentence_matrix(messages, self.layout)
            model = LogisticRegression(C=float(self._config["C"]), max_iter=5000)
            model.fit(features, [label for _, label in examples])
            self.classes = [str(c) for c in model.classes_]
            self.coef, self.intercept = model.coef_, model.intercept_
        self.persist()
        return self._resource

    def persist(self) -> None:
        data = {
            "layout": self.layout,
            "classes": self.classes,
            "coef": np.asarray(self.coef).tolist(),
            "intercept": np.asarray(self.intercept).tolist(),
        }
        with self._model_storage.write_to(self._resource) as model_dir:
            (model_dir / MODEL_FILE).write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ThreatTypeClassifier:
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                data = json.loads((model_dir / MODEL_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.warning("ThreatTypeClassifier: no trained model; only rules name threats.")
            return component
        component.layout = [(origin, int(width)) for origin, width in data["layout"]]
        component.classes = list(data["classes"])
        component.coef = np.asarray(data["coef"], dtype=np.float64)
        component.intercept = np.asarray(data["intercept"], dtype=np.float64)
        return component

    def probabilities(self, message: Message) -> dict[str, float]:
        """Probability of each threat type for one featurized message."""
        row = sentence_vector(message, self.layout)
        logits = np.asarray(row @ self.coef.T).ravel() + self.intercept
        if len(self.classes) == 2:
            # Binary logistic regression keeps one row: class 1 against class 0.
            logits = np.array([0.0, logits[0]])
        exps = np.exp(logits - logits.max())
        return dict(zip(self.classes, (exps / exps.sum()).tolist(), strict=True))

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.trained:
            return messages
        for message in messages:
            text = message.get(TEXT)
            intent = message.get(INTENT) or {}
            entities = message.get(ENTITIES) or []
            if intent.get("name") != URGENT or not isinstance(text, str):
                continue
            if any(entity.get("entity") == THREAT for entity in entities):
                continue
            threat, probability = self.choose(message, float(intent.get("confidence") or 0.0))
            if threat is None:
                continue
            guess = {
                "entity": THREAT,
                "value": threat,
                "start": 0,
                "end": len(text),
                ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: round(probability, 4),
            }
            message.set(ENTITIES, entities + self.add_extractor_name([guess]), add_to_output=True)
        return messages

    def choose(self, message: Message, intent_confidence: float) -> tuple[str | None, float]:
        """The threat type of an urgent message (None: ask the resident) and its probability."""
        if not self.trained:
            return None, 0.0
        probabilities = self.probabilities(message)
        topics = find_threat_topics(message.get(TEXT) or "", message.get(TEXT_LANGUAGE))
        candidates = [t for t in topics if t in probabilities]
        if topics and not candidates:
            return None, 0.0  # it names a subject this model cannot type: ask
        if len(topics) == 1:
            sure = intent_confidence >= float(self._config["topic_min_intent_confidence"])
            return (topics[0], probabilities[topics[0]]) if sure else (None, 0.0)
        threat = max(candidates or probabilities, key=probabilities.__getitem__)
        sure = probabilities[threat] >= float(
            self._config["threshold"]
        ) and intent_confidence >= float(self._config["min_intent_confidence"])
        return (threat, probabilities[threat]) if sure else (None, 0.0)
