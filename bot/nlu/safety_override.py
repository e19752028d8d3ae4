"""Rasa component that applies bot.nlu.safety after the intent classifier and fallback."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.safety import safer_intent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyOverride(GraphComponent):
    """Last in the pipeline: may turn the predicted intent into self_harm or inform_urgent."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyOverride:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            ranking = message.get(INTENT_RANKING_KEY) or []
            better = safer_intent(intent.get("name"), ranking, message.get(ENTITIES) or [])
            if better is None:
                continue
            confidence = next(
                (item.get("confidence") for item in ranking if item.get("name") == better), None
            )
            message.set(
                INTENT, {"name": better, "confidence": confidence or 1.0}, add_to_output=True
            )
        return messages
