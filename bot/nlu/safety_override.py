"""Rasa component that applies bot.nlu.safety after the intent classifier and fallback.

It also runs the self-harm lexicon (bot.nlu.matching.mentions_self_harm) on the text, with
the language the LanguageDetector set, so a message about ending one's life is never left
to the classifier alone; and it adds ``self_harm_check`` to the parse output: true when the
bot should ask the resident directly (bot.nlu.safety.needs_self_harm_check, with the distress
lexicon), read by actions/safety_check.py.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import matching
from bot.nlu.matching import risk
from bot.nlu.ranking import ranked_confidence
from bot.nlu.safety import (
    SELF_HARM,
    SELF_HARM_CHECK,
    names_threat,
    needs_self_harm_check,
    safer_intent,
)

TEXT_LANGUAGE = "text_language"
"""Set by LanguageDetector: the text's own language picks the tokeniser."""


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyOverride(GraphComponent):
    """After the classifier, fallback and place answer: may turn the predicted intent into
    self_harm or inform_urgent (only the threat type classifier runs later)."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyOverride:
        matching.warm_up()  # spaCy and the lexicons load now, not on a resident's message
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            # A ranking is always there after Rasa's classifiers; without one the intent is the
            # only guess (so a self_harm intent is not read as "no self-harm guess").
            ranking = message.get(INTENT_RANKING_KEY) or ([intent] if intent.get("name") else [])
            text = message.get(TEXT) if isinstance(message.get(TEXT), str) else ""
            language = message.get(TEXT_LANGUAGE)
            language = language if language in matching.LANGUAGES else None
            entities = message.get(ENTITIES) or []
            # Already self_harm and no threat to weigh it against: nothing can change and no
            # question is needed, so the text is not analysed a second time.
            if intent.get("name") == SELF_HARM and not names_threat(entities):
                message.set(SELF_HARM_CHECK, False, add_to_output=True)
                continue
            units = matching.analyse(text, language)
            words = risk.mentions_self_harm(units)
            better = safer_intent(intent.get("name"), ranking, entities, self_harm_words=words)
            if better is not None:
                confidence = 1.0 if words else ranked_confidence(ranking, better)
                message.set(
                    INTENT, {"name": better, "confidence": confidence or 1.0}, add_to_output=True
                )
            settled = better or intent.get("name")
            distress = settled != SELF_HARM and risk.shows_distress(units)
            check = needs_self_harm_check(settled, ranking, distress_words=distress)
            message.set(SELF_HARM_CHECK, check, add_to_output=True)
        return messages
