"""Rasa NLU component: rule-based municipality, postcode, threat and language entities.

Thin on purpose: all matching lives in :mod:`bot.nlu.matching`, which the dialogue actions
call too, so a form answer and a free message are read the same way. Not trainable (the
names come from bot.geo, the words from data/nlu/lexicons/), so Rasa creates it at model
load and calls only ``process``. Put it after ``LanguageDetector``: the detected language
picks the spaCy tokeniser and allows Darija spellings such as "frotterdam".

Entities (``confidence_entity`` 1.0, ``extractor`` "WegwijsEntityExtractor"):
- ``municipality``: CBS code "GM0599"; from a postcode (same span) when none is named.
- ``postcode``: "3511 AB".
- ``threat``: eviction | energy_cutoff | water_cutoff | insurance_termination.
- ``preferred_language``: nl | tr | ar, the language a resident names ("türkçe lütfen").
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import matching

logger = logging.getLogger(__name__)

ENTITY_TYPES = (
    matching.MUNICIPALITY,
    matching.POSTCODE,
    matching.THREAT,
    matching.PREFERRED_LANGUAGE,
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class WegwijsEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds municipality, postcode and threat entities found by :mod:`bot.nlu.matching`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Which of municipality / postcode / threat / preferred_language to emit.
            "entities": list(ENTITY_TYPES),
            # Message attribute holding "nl" / "tr" / "ar" (set by LanguageDetector); when it
            # is missing the tokeniser is chosen from the script.
            "language_attribute": "text_language",
        }

    @staticmethod
    def required_packages() -> list[str]:
        return ["spacy"]

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        unknown = set(config.get("entities", ENTITY_TYPES)) - set(ENTITY_TYPES)
        if unknown:
            raise ValueError(f"entities must be among {ENTITY_TYPES}, not {sorted(unknown)}")

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> WegwijsEntityExtractor:
        """Build the matchers now, so bad lexicon data fails at load and not on a resident."""
        merged = {**cls.get_default_config(), **config}
        cls.validate_config(merged)
        matching.warm_up()
        return cls(merged, model_storage, resource)

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._wanted = frozenset(self._config["entities"])

    def process(self, messages: list[Message]) -> list[Message]:
        """Append new entities; one already on the message with the same type and span stays."""
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip():
                continue
            language = message.get(self._config["language_attribute"])
            if language not in matching.LANGUAGES:
                language = None
            existing = list(message.get(ENTITIES) or [])
            taken = {_span_key(entity) for entity in existing}
            added: list[dict[str, Any]] = []
            for found in matching.extract_entities(text, language):
                key = (found.entity, found.start, found.end)
                if found.entity not in self._wanted or key in taken:
                    continue
                taken.add(key)
                added.append(
                    {
                        ENTITY_ATTRIBUTE_TYPE: found.entity,
                        ENTITY_ATTRIBUTE_VALUE: found.value,
                        ENTITY_ATTRIBUTE_START: found.start,
                        ENTITY_ATTRIBUTE_END: found.end,
                        ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: 1.0,
                    }
                )
            message.set(ENTITIES, existing + self.add_extractor_name(added), add_to_output=True)
        return messages


def _span_key(entity: dict[str, Any]) -> tuple[Any, Any, Any]:
    return (
        entity.get(ENTITY_ATTRIBUTE_TYPE),
        entity.get(ENTITY_ATTRIBUTE_START),
        entity.get(ENTITY_ATTRIBUTE_END),
    )
