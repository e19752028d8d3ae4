"""Rasa NLU component that tags each message with its language (nl / tr / ar).

Thin on purpose: all detection logic lives in ``bot.language`` so it can be tested and
benchmarked without Rasa. Registered as a trainable message featurizer because that is the
component type Rasa runs in pipeline order before the classifiers, both when training and
when parsing; it adds no features, only the message properties below.

Message properties (all added to the parse output, so ``/model/parse`` and
``Agent.parse_message`` return them top-level):
- ``text_language``: the language of the text on its own: "nl", "tr" or "ar" (Darija in
  Latin letters is "ar"); the configured ``fallback_language`` when the text carries no
  language ("ok", "1234 AB", "/affirm").
- ``language``: the language of the message in its conversation. Rasa hands the component
  the conversation's tracker; when its ``language`` slot already holds a reply language, a
  message that does not clearly switch ("ok", "ja klopt" in a Turkish conversation) keeps
  it, by the same rule the dialogue uses (``bot.language.sticky``). Without a conversation
  (``/model/parse``, ``rasa test nlu``) it equals ``text_language``.
- ``language_confidence``: 0..1, how clearly the text on its own shows ``text_language``;
  low for one-word or language-neutral messages.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import METADATA, METADATA_EXAMPLE, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import detect, lexicon
from bot.language.detect import LANGUAGES, Detection, LanguageIdentifier
from bot.language.sticky import choose_reply_language, normalise_language

logger = logging.getLogger(__name__)

LANGUAGE = "language"
TEXT_LANGUAGE = "text_language"
LANGUAGE_CONFIDENCE = "language_confidence"
MODEL_FILE = "language_identifier.json"


def language_from_metadata(message: Message) -> str | None:
    """The training label of a message, from the metadata of its example or its intent.

    Rasa 3.6 stores intent-level YAML metadata as ``{"intent": {...}}`` and example-level
    metadata as ``{"example": {...}}`` under the message's ``metadata``; the example wins.
    A plain ``{"language": ...}`` (messages built by hand) is accepted too.
    """
    metadata = message.get(METADATA)
    if not isinstance(metadata, dict):
        return None
    for scope in (metadata.get(METADATA_EXAMPLE), metadata.get(METADATA_INTENT), metadata):
        if isinstance(scope, dict) and isinstance(scope.get(LANGUAGE), str):
            code = scope[LANGUAGE].strip().lower()
            if code in LANGUAGES:
                return code
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class LanguageDetector(GraphComponent):
    """Sets ``language`` and ``language_confidence`` on every message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Ask lingua when word lists, spelling and the n-gram model are inconclusive.
            "use_lingua": True,
            # High accuracy costs ~1.2 s and ~250 MB at load time for little gain here.
            "lingua_high_accuracy": False,
            # Reported as `language` (with confidence 0) when a text has no language.
            "fallback_language": "nl",
            # The slot that holds the conversation's reply language.
            "conversation_slot": "language",
        }

    @staticmethod
    def required_packages() -> list[str]:
        # Import names that Rasa can also map to a distribution for fingerprinting; lingua's
        # import name ("lingua") is not its distribution name, and the persisted model does
        # not depend on it anyway.
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Retrain when bot.language changes, not only when this file does.

        Rasa fingerprints only this class's source; the n-gram model's input depends on the
        word lists and tokenisation in bot.language, so a cached model must not outlive them.
        """
        digest = hashlib.sha256()
        for module in (detect, lexicon):
            digest.update(Path(module.__file__).read_bytes())
        return digest.hexdigest()

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        identifier: LanguageIdentifier | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.identifier = identifier or LanguageIdentifier(**self._identifier_options())

    def _identifier_options(self) -> dict[str, Any]:
        return {
            "use_lingua": bool(self._config["use_lingua"]),
            "lingua_high_accuracy": bool(self._config["lingua_high_accuracy"]),
        }

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        fallback = config.get("fallback_language", "nl")
        if fallback not in LANGUAGES:
            raise ValueError(f"fallback_language must be one of {LANGUAGES}, not {fallback!r}")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        cls.validate_config(config)
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the n-gram model on examples whose intent/example metadata names a language."""
        texts: list[str] = []
        labels: list[str] = []
        for message in training_data.training_examples:
            label = language_from_metadata(message)
            text = message.get(TEXT)
            if label and text:
                texts.append(text)
                labels.append(label)
        self.identifier.fit(texts, labels)
        if not self.identifier.trained:
            logger.warning(
                "LanguageDetector: %d training examples carry `metadata: language:` for fewer "
                "than two languages; detecting with word lists and lingua only.",
                len(texts),
            )
        else:
            logger.debug("LanguageDetector trained on %d labelled examples.", len(texts))
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            self.identifier.save(model_dir / MODEL_FILE)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageDetector:
        component = cls(config, model_storage, resource, identifier=None)
        try:
            with model_storage.read_from(resource) as model_dir:
                component.identifier = LanguageIdentifier.load(
                    model_dir / MODEL_FILE, **component._identifier_options()
                )
        except (ValueError, FileNotFoundError, KeyError):
            logger.warning(
                "LanguageDetector: no trained model in resource '%s'; detecting with word "
                "lists and lingua only.",
                resource.name,
            )
        return component

    def process(
        self, messages: list[Message], tracker: DialogueStateTracker | None = None
    ) -> list[Message]:
        """Tag messages; ``tracker`` is the conversation so far (Rasa passes it when parsing)."""
        current = self._conversation_language(tracker)
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                # Core featurisation also passes messages with only an intent or action.
                continue
            detection = self.identifier.detect(text)
            text_language = detection.language or self._config["fallback_language"]
            message.set(TEXT_LANGUAGE, text_language, add_to_output=True)
            message.set(
                LANGUAGE,
                language_in_conversation(current, detection, text_language),
                add_to_output=True,
            )
            message.set(LANGUAGE_CONFIDENCE, float(detection.confidence), add_to_output=True)
        return messages

    def _conversation_language(self, tracker: DialogueStateTracker | None) -> str | None:
        if tracker is None:
            return None
        slot = tracker.slots.get(self._config["conversation_slot"])
        return normalise_language(slot.value if slot is not None else None)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data


def language_in_conversation(current: str | None, detection: Detection, text_language: str) -> str:
    """The conversation's language unless this message clearly switches away from it.

    Without a conversation language yet, the text decides alone: the first message of a
    conversation is judged on its own, as ``/model/parse`` judges every message.
    """
    if current is None:
        return text_language
    return choose_reply_language(current, detection.language, detection.confidence)
