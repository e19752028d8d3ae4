"""A short, hesitantly classified message that names a place becomes inform_location."""

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.place_answer import PlaceAnswerOverride, place_answer_intent
from bot.nlu.safety_override import SafetyOverride

PLACE = [{"entity": "municipality", "value": "GM0518", "start": 0, "end": 5}]
POSTCODE = [{"entity": "postcode", "value": "3032 KL", "start": 0, "end": 7}]
THREAT = [{"entity": "threat", "value": "eviction", "start": 0, "end": 5}]


def ranking(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_a_hesitant_short_place_answer_is_inform_location() -> None:
    hesitant = ranking(("greet", 0.35), ("inform_location", 0.3))
    assert place_answer_intent("greet", hesitant, PLACE, "Lahey") == "inform_location"
    assert place_answer_intent("nlu_fallback", hesitant, POSTCODE, "3032 KL") == ("inform_location")
    assert place_answer_intent("affirm", hesitant, PLACE, "ben zaandamdayim") == "inform_location"


def test_a_sure_classifier_a_long_message_or_no_place_keeps_the_intent() -> None:
    sure = ranking(("ask_help", 0.9), ("inform_location", 0.05))
    assert place_answer_intent("ask_help", sure, PLACE, "Delft, schulden") is None
    hesitant = ranking(("ask_help", 0.4), ("inform_location", 0.3))
    long = "ik woon in Delft en ik heb veel schulden bij de bank"
    assert place_answer_intent("ask_help", hesitant, PLACE, long) is None
    assert place_answer_intent("greet", hesitant, [], "hoi") is None
    assert place_answer_intent("greet", hesitant, THREAT, "huis uit") is None  # no place


def test_urgent_and_self_harm_are_never_turned_into_a_place() -> None:
    hesitant = ranking(("inform_urgent", 0.4), ("self_harm", 0.3))
    assert place_answer_intent("inform_urgent", hesitant, PLACE, "Delft ontruiming") is None
    assert place_answer_intent("self_harm", hesitant, PLACE, "Delft, ik wil niet meer") is None
    # The fallback hid a hesitant urgent guess: still not a place answer.
    behind_fallback = ranking(("nlu_fallback", 0.25), ("inform_urgent", 0.22), ("greet", 0.2))
    assert place_answer_intent("nlu_fallback", behind_fallback, PLACE, "Delft, de huur") is None


def test_the_component_rewrites_the_parsed_intent(tmp_path) -> None:
    component = PlaceAnswerOverride.create(
        {},
        LocalModelStorage(tmp_path),
        Resource("place"),
        ExecutionContext(graph_schema=None, model_id="test"),
    )
    message = Message(
        data={
            "text": "schiedam",
            "intent": {"name": "affirm", "confidence": 0.5},
            "intent_ranking": ranking(("affirm", 0.5), ("inform_location", 0.3)),
            "entities": PLACE,
        }
    )
    unsure_greeting = Message(
        data={
            "text": "hoi",
            "intent": {"name": "greet", "confidence": 0.5},
            "intent_ranking": ranking(("greet", 0.5)),
            "entities": [],
        }
    )
    placed, greeting = component.process([message, unsure_greeting])
    assert placed.get("intent") == {"name": "inform_location", "confidence": 0.3}
    assert greeting.get("intent")["name"] == "greet"


def test_a_short_place_answer_with_a_threat_still_ends_urgent(tmp_path) -> None:
    """PlaceAnswerOverride runs before SafetyOverride (config.yml): the threat wins."""
    context = ExecutionContext(graph_schema=None, model_id="test")
    storage = LocalModelStorage(tmp_path)
    place = PlaceAnswerOverride.create({}, storage, Resource("place"), context)
    safety = SafetyOverride.create({}, storage, Resource("safety"), context)
    message = Message(
        data={
            "text": "Delft, ontruiming vrijdag",
            "text_language": "nl",
            "intent": {"name": "ask_help", "confidence": 0.4},
            "intent_ranking": ranking(("ask_help", 0.4), ("inform_location", 0.3)),
            "entities": PLACE + THREAT,
        }
    )
    [placed] = place.process([message])
    assert placed.get("intent")["name"] == "inform_location"
    [final] = safety.process([placed])
    assert final.get("intent")["name"] == "inform_urgent"
