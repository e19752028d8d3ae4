"""Self-harm and urgency are not lost to a hesitant classifier."""

import json

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.safety import needs_self_harm_check, safer_intent
from bot.nlu.safety_override import SafetyOverride

THREAT = [{"entity": "threat", "value": "eviction", "start": 0, "end": 5}]


@pytest.fixture()
def component(tmp_path) -> SafetyOverride:
    return SafetyOverride.create(
        {},
        LocalModelStorage(tmp_path),
        Resource("safety"),
        ExecutionContext(graph_schema=None, model_id="test"),
    )


def ranking(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_self_harm_in_the_top_two_wins() -> None:
    hesitant = ranking(("request_human", 0.25), ("self_harm", 0.24), ("goodbye", 0.2))
    assert safer_intent("nlu_fallback", hesitant, []) == "self_harm"
    assert safer_intent("request_human", hesitant, []) == "self_harm"


def test_a_faint_or_distant_self_harm_guess_does_not() -> None:
    faint = ranking(("greet", 0.9), ("self_harm", 0.05))
    assert safer_intent("greet", faint, []) is None
    third = ranking(("ask_help", 0.5), ("stop", 0.3), ("self_harm", 0.2))
    assert safer_intent("ask_help", third, []) is None


def test_a_threat_makes_a_message_urgent_but_never_hides_self_harm() -> None:
    assert safer_intent("ask_help", ranking(("ask_help", 0.8)), THREAT) == "inform_urgent"
    assert safer_intent("nlu_fallback", ranking(("ask_help", 0.3)), THREAT) == "inform_urgent"
    assert safer_intent("inform_urgent", ranking(("inform_urgent", 0.9)), THREAT) is None
    # A sure self_harm first guess is never overruled by a threat, nor are self-harm words.
    assert safer_intent("self_harm", ranking(("self_harm", 0.8)), THREAT) is None
    assert safer_intent("self_harm", ranking(("self_harm", 0.4)), THREAT, True) is None
    assert safer_intent("ask_help", ranking(("ask_help", 0.2), ("self_harm", 0.8)), THREAT) == (
        "self_harm"
    )


def test_a_hesitant_second_guess_gives_way_to_a_recognised_threat() -> None:
    """ "ma b9itch m2ammen, chno ndir": the words name a threat and none names self-harm."""
    runner_up = ranking(("ask_help", 0.5), ("self_harm", 0.3))
    assert safer_intent("ask_help", runner_up, THREAT) == "inform_urgent"
    assert safer_intent("ask_help", runner_up, []) == "self_harm"
    assert safer_intent("ask_help", runner_up, THREAT, self_harm_words=True) == "self_harm"


def test_a_hesitant_first_guess_gives_way_to_a_recognised_threat() -> None:
    """ "ma b9itch m2ammna" (I am no longer insured) made the classifier guess self_harm at 0.31;
    the words name a threat and none names self-harm."""
    hesitant = ranking(("self_harm", 0.31), ("ask_help", 0.19))
    assert safer_intent("self_harm", hesitant, THREAT) == "inform_urgent"
    assert safer_intent("self_harm", hesitant, []) is None
    assert safer_intent("self_harm", hesitant, THREAT, self_harm_words=True) is None


def test_the_fallback_is_not_a_guess_that_pushes_self_harm_out_of_the_top_two() -> None:
    """FallbackClassifier puts nlu_fallback first at its threshold (0.25)."""
    with_fallback = ranking(("nlu_fallback", 0.25), ("request_human", 0.24), ("self_harm", 0.23))
    assert safer_intent("nlu_fallback", with_fallback, []) == "self_harm"


def test_a_self_harm_guess_a_threat_set_aside_makes_the_bot_ask() -> None:
    hesitant = ranking(("self_harm", 0.31), ("ask_help", 0.19))
    assert needs_self_harm_check("inform_urgent", hesitant)
    runner_up = ranking(("inform_urgent", 0.5), ("self_harm", 0.3))
    assert needs_self_harm_check("inform_urgent", runner_up)
    assert not needs_self_harm_check("inform_urgent", ranking(("inform_urgent", 0.9)))
    third = ranking(("inform_urgent", 0.5), ("ask_help", 0.3), ("self_harm", 0.2))
    assert not needs_self_harm_check("inform_urgent", third)


def test_a_weak_self_harm_guess_or_despair_makes_the_bot_ask_but_self_harm_needs_no_question() -> (
    None
):
    weak = ranking(("ask_help", 0.7), ("self_harm", 0.12))
    assert needs_self_harm_check("ask_help", weak)
    assert not needs_self_harm_check("ask_help", ranking(("ask_help", 0.9), ("self_harm", 0.09)))
    sure = ranking(("ask_help", 0.95), ("stop", 0.03))
    assert not needs_self_harm_check("ask_help", sure)
    assert needs_self_harm_check("ask_help", sure, distress_words=True)
    assert needs_self_harm_check("goodbye", ranking(("goodbye", 0.9)), distress_words=True)
    # The full safety answer comes instead
    assert not needs_self_harm_check("self_harm", weak, distress_words=True)
    # The fallback is not a guess: it does not push a weak self_harm guess out of the top two
    fallback = ranking(("nlu_fallback", 0.25), ("out_of_scope", 0.22), ("self_harm", 0.15))
    assert needs_self_harm_check("nlu_fallback", fallback)
    # The answer goes into the JSON parse output: a plain bool, also for numpy confidences
    numpy_guess = [{"name": "ask_help", "confidence": np.float32(0.8)},
                   {"name": "self_harm", "confidence": np.float32(0.15)}]  # fmt: skip
    assert type(needs_self_harm_check("ask_help", numpy_guess)) is bool
    json.dumps({"self_harm_check": needs_self_harm_check("ask_help", numpy_guess)})


def test_self_harm_words_win_over_any_classifier_answer() -> None:
    sure = ranking(("ask_help", 0.95), ("stop", 0.03))
    assert safer_intent("ask_help", sure, [], self_harm_words=True) == "self_harm"
    assert safer_intent("inform_urgent", sure, THREAT, self_harm_words=True) == "self_harm"
    assert safer_intent("self_harm", sure, [], self_harm_words=True) is None


def test_a_recognised_threat_beats_a_runner_up_self_harm_guess() -> None:
    """An eviction judgement worries the classifier; the words say eviction, none self-harm."""
    worried = ranking(("inform_urgent", 0.45), ("self_harm", 0.26), ("ask_help", 0.2))
    assert safer_intent("inform_urgent", worried, THREAT) is None
    assert safer_intent("inform_urgent", worried, []) == "self_harm"
    assert safer_intent("inform_urgent", worried, THREAT, self_harm_words=True) == "self_harm"


def test_the_component_rewrites_the_parsed_intent(component: SafetyOverride) -> None:
    message = Message(
        data={
            "text": "hmm weet niet",
            "intent": {"name": "nlu_fallback", "confidence": 0.3},
            "intent_ranking": ranking(("request_human", 0.25), ("self_harm", 0.24)),
            "entities": [],
        }
    )
    [processed] = component.process([message])
    assert processed.get("intent") == {"name": "self_harm", "confidence": 0.24}
    untouched = Message(
        data={"text": "hoi", "intent": {"name": "greet", "confidence": 0.99},
              "intent_ranking": ranking(("greet", 0.99)), "entities": []}
    )  # fmt: skip
    [greeting] = component.process([untouched])
    assert greeting.get("intent")["name"] == "greet"
    assert greeting.get("self_harm_check") is False
    confident_but_wrong = Message(
        data={"text": "ik wil er niet meer zijn", "language": "nl",
              "intent": {"name": "stop", "confidence": 0.8},
              "intent_ranking": ranking(("stop", 0.8), ("deny", 0.1)), "entities": []}
    )  # fmt: skip
    assert component.process([confident_but_wrong])[0].get("intent") == {
        "name": "self_harm",
        "confidence": 1.0,
    }


def test_the_component_keeps_self_harm_next_to_a_threat(component: SafetyOverride) -> None:
    """The classifier and the words agree on self-harm, and the text also names an eviction:
    self-harm stays (the urgent help follows in the safety answer)."""
    message = Message(
        data={"text": "het huis wordt ontruimd en ik wil er niet meer zijn",
              "text_language": "nl", "intent": {"name": "self_harm", "confidence": 0.6},
              "intent_ranking": ranking(("self_harm", 0.6), ("inform_urgent", 0.3)),
              "entities": THREAT}
    )  # fmt: skip
    assert component.process([message])[0].get("intent")["name"] == "self_harm"
    hesitant = Message(
        data={"text": "ze zetten me op straat, ik weet het niet meer", "text_language": "nl",
              "intent": {"name": "ask_help", "confidence": 0.5},
              "intent_ranking": ranking(("ask_help", 0.5), ("self_harm", 0.3)),
              "entities": THREAT}
    )  # fmt: skip
    assert component.process([hesitant])[0].get("intent")["name"] == "inform_urgent"
    unranked = Message(
        data={"text": "het huis wordt ontruimd", "text_language": "nl",
              "intent": {"name": "self_harm", "confidence": 0.9}, "entities": THREAT}
    )  # fmt: skip
    assert component.process([unranked])[0].get("intent")["name"] == "self_harm"


def test_the_component_marks_despair_for_the_direct_question(component: SafetyOverride) -> None:
    """Despair without words about ending one's life keeps its intent and adds the question;
    a self_harm message needs no question (it gets the full safety answer)."""
    despair = Message(
        data={"text": "ik heb zoveel schulden, ik kan niet meer", "text_language": "nl",
              "intent": {"name": "ask_help", "confidence": 0.9},
              "intent_ranking": ranking(("ask_help", 0.9), ("stop", 0.05)), "entities": []}
    )  # fmt: skip
    [processed] = component.process([despair])
    assert processed.get("intent")["name"] == "ask_help"
    assert processed.get("self_harm_check") is True
    assert "self_harm_check" in processed.as_dict_nlu()
    worry = Message(
        data={"text": "ik kan de huur niet meer betalen", "text_language": "nl",
              "intent": {"name": "ask_help", "confidence": 0.9},
              "intent_ranking": ranking(("ask_help", 0.9), ("stop", 0.05)), "entities": []}
    )  # fmt: skip
    assert component.process([worry])[0].get("self_harm_check") is False
    harm = Message(
        data={"text": "ik wil er niet meer zijn, ik kan niet meer", "text_language": "nl",
              "intent": {"name": "ask_help", "confidence": 0.9},
              "intent_ranking": ranking(("ask_help", 0.9), ("stop", 0.05)), "entities": []}
    )  # fmt: skip
    [processed] = component.process([harm])
    assert processed.get("intent")["name"] == "self_harm"
    assert processed.get("self_harm_check") is False
