"""A short message that names a place is the resident saying where they live.

"Lahey", "schiedam", "ben zaandamdayim", "3032 KL": the intent classifier has few
one-word examples per town and hesitates (greet, affirm, goodbye, a fallback), while the
entity extractor has already found the municipality or postcode. On the held-out sets every
such message with a hesitant classifier (below ``UNSURE_BELOW``) and at most ``MAX_WORDS`` words
was inform_location: 23 right answers gained, none lost. Longer messages carry their own
intent ("ik woon in Delft en heb schulden" is ask_help). A message whose intent or whose
classifier's best guess is urgent or self-harm is never touched (the fallback may have hidden
a hesitant urgent guess), and the safety override after this step still makes a message with
a threat urgent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.ranking import classifier_guesses, ranked_confidence
from bot.nlu.safety import SELF_HARM, URGENT

INFORM_LOCATION = "inform_location"
KEPT = frozenset({INFORM_LOCATION, URGENT, SELF_HARM})
PLACE_ENTITIES = frozenset({"municipality", "postcode"})
UNSURE_BELOW = 0.7
MAX_WORDS = 6


def place_answer_intent(
    intent: str | None,
    ranking: Sequence[dict[str, Any]],
    entities: Sequence[dict[str, Any]],
    text: str,
) -> str | None:
    """``inform_location`` when ``text`` is a short place answer the classifier hesitated on,
    else None (keep the intent)."""
    if intent in KEPT or len(text.split()) > MAX_WORDS:
        return None
    if not any(e.get("entity") in PLACE_ENTITIES for e in entities):
        return None
    guesses = classifier_guesses(ranking)
    best = guesses[0] if guesses else {}
    if best.get("name") in KEPT:
        return None
    return INFORM_LOCATION if (best.get("confidence") or 0.0) < UNSURE_BELOW else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlaceAnswerOverride(GraphComponent):
    """After the fallback, before the safety override: a hesitant short place answer becomes
    inform_location."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlaceAnswerOverride:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            ranking = message.get(INTENT_RANKING_KEY) or []
            better = place_answer_intent(
                intent.get("name"), ranking, message.get(ENTITIES) or [], text
            )
            if better is None:
                continue
            # The classifier's own figure for inform_location if it ranked it, else as sure as
            # it was of the answer it hesitated on.
            confidence = ranked_confidence(ranking, better, intent.get("confidence"))
            message.set(
                INTENT, {"name": better, "confidence": confidence or 0.0}, add_to_output=True
            )
        return messages
