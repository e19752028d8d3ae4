"""LanguageDetector through Rasa's own APIs: YAML reader, LocalModelStorage, recipe. No mocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.constants import PLACEHOLDER_TRACKER
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.data import TrainingType
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.language_detector import (
    LANGUAGE,
    LANGUAGE_CONFIDENCE,
    TEXT_LANGUAGE,
    LanguageDetector,
    language_from_metadata,
)

CLASS_PATH = "bot.nlu.language_detector.LanguageDetector"

NLU_YAML = """
version: "3.1"
nlu:
- intent: greet
  metadata:
    language: nl
  examples: |
    - hoi
    - hallo, is daar iemand
    - goedemorgen
- intent: ask_help
  metadata:
    language: nl
  examples: |
    - ik heb schulden
    - ik kan de huur niet betalen
    - de [deurwaarder](creditor) stond aan de deur
- intent: greet
  metadata:
    language: tr
  examples: |
    - merhaba
    - selam, kimse var mı
- intent: ask_help
  metadata:
    language: tr
  examples: |
    - borçlarım var
    - kira borcum birikti, ödeyemiyorum
    - faturaları ödeyemiyorum
- intent: greet
  metadata:
    language: ar
  examples: |
    - salam
    - السلام عليكم
- intent: ask_help
  metadata:
    language: ar
  examples: |
    - 3andi mochkil m3a lflous
    - ma9dertch nkhales lkra
    - عندي مشكل مع لفلوس
- intent: deny
  examples: |
    - nope
- intent: affirm
  examples:
  - text: wakha
    metadata:
      language: ar
  - text: evet
    metadata:
      language: tr
"""


def _training_data(yaml: str = NLU_YAML) -> TrainingData:
    return RasaYAMLReader().reads(yaml)


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="language_detector")


def _train_and_load(tmp_path: Path, training_data: TrainingData) -> LanguageDetector:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("language_detector")
    component = LanguageDetector.create({}, storage, resource, _context())
    returned = component.train(training_data)
    assert returned == resource
    return LanguageDetector.load({}, storage, resource, _context())


def _parse(
    component: LanguageDetector, text: str, tracker: DialogueStateTracker | None = None
) -> dict:
    message = Message(data={"text": text})
    component.process([message], tracker)
    return message.as_dict(only_output_properties=True)


def _conversation(language: str | None) -> DialogueStateTracker:
    """A tracker whose reply-language slot holds ``language``, as after earlier turns."""
    tracker = DialogueStateTracker("resident", [TextSlot("language", mappings=[])])
    tracker.slots["language"].value = language
    return tracker


def test_metadata_shape_from_rasa_yaml_reader() -> None:
    examples = {m.get("text"): m for m in _training_data().training_examples}
    assert examples["hoi"].get("metadata") == {"intent": {"language": "nl"}}
    assert language_from_metadata(examples["hoi"]) == "nl"
    assert language_from_metadata(examples["borçlarım var"]) == "tr"
    assert language_from_metadata(examples["salam"]) == "ar"
    assert language_from_metadata(examples["wakha"]) == "ar"  # example-level metadata
    assert language_from_metadata(examples["evet"]) == "tr"
    assert language_from_metadata(examples["nope"]) is None
    assert language_from_metadata(Message(data={"text": "x", "metadata": {"language": "NL"}}))


def test_train_persist_load_process(tmp_path: Path) -> None:
    component = _train_and_load(tmp_path, _training_data())
    assert component.identifier.trained
    expectations = {
        "hallo": "nl",
        "ik heb schulden": "nl",
        "merhaba": "tr",
        "borclarim var": "tr",
        "salam": "ar",
        "3andi mochkil m3a lflous": "ar",
        "عندي ديون": "ar",
    }
    for text, expected in expectations.items():
        output = _parse(component, text)
        assert output[LANGUAGE] == expected, text
        assert 0.0 <= output[LANGUAGE_CONFIDENCE] <= 1.0
        assert isinstance(output[LANGUAGE_CONFIDENCE], float)


def test_neutral_message_gets_fallback_language_with_zero_confidence(tmp_path: Path) -> None:
    component = _train_and_load(tmp_path, _training_data())
    for text in ("ok", "3511 AB", "/affirm"):
        output = _parse(component, text)
        assert output[LANGUAGE] == "nl"
        assert output[LANGUAGE_CONFIDENCE] == 0.0


def test_conversation_language_holds_unless_the_text_clearly_switches(tmp_path: Path) -> None:
    component = _train_and_load(tmp_path, _training_data())
    turkish = _conversation("tr")
    neutral = _parse(component, "ok", turkish)
    assert (neutral[LANGUAGE], neutral[TEXT_LANGUAGE], neutral[LANGUAGE_CONFIDENCE]) == (
        "tr", "nl", 0.0
    )  # fmt: skip
    unsure = _parse(component, "ja", turkish)
    assert (unsure[LANGUAGE], unsure[TEXT_LANGUAGE]) == ("tr", "nl")
    switch = _parse(component, "ik heb schulden en ik kan de huur niet betalen", turkish)
    assert switch[LANGUAGE] == switch[TEXT_LANGUAGE] == "nl"
    assert _parse(component, "salam", _conversation("ar"))[LANGUAGE] == "ar"


def test_without_a_conversation_language_the_text_decides(tmp_path: Path) -> None:
    component = _train_and_load(tmp_path, _training_data())
    for tracker in (None, _conversation(None), DialogueStateTracker("resident", [])):
        output = _parse(component, "evet", tracker)
        assert output[LANGUAGE] == output[TEXT_LANGUAGE] == "tr"
        assert _parse(component, "ok", tracker)[LANGUAGE] == "nl"


def test_fallback_language_is_configurable(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    component = LanguageDetector.create(
        {"fallback_language": "tr"}, storage, Resource("x"), _context()
    )
    assert _parse(component, "ok")[LANGUAGE] == "tr"
    with pytest.raises(ValueError, match="fallback_language"):
        LanguageDetector.create({"fallback_language": "en"}, storage, Resource("y"), _context())


def test_confident_sentence_vs_single_word(tmp_path: Path) -> None:
    component = _train_and_load(tmp_path, _training_data())
    assert _parse(component, "kira borcum var ve ödeyemiyorum")[LANGUAGE_CONFIDENCE] >= 0.9
    assert _parse(component, "evet")[LANGUAGE_CONFIDENCE] < 0.8


def test_messages_without_language_metadata_are_ignored(tmp_path: Path) -> None:
    unlabelled = NLU_YAML.replace("  metadata:\n    language: ", "  metadata:\n    lang: ")
    unlabelled = unlabelled.replace("    metadata:\n      language:", "    metadata:\n      lang:")
    component = _train_and_load(tmp_path, _training_data(unlabelled))
    assert not component.identifier.trained
    # Still works from word lists, spelling and lingua.
    assert _parse(component, "ik heb schulden")[LANGUAGE] == "nl"
    assert _parse(component, "ma9dertch nkhales lkra")[LANGUAGE] == "ar"


def test_load_without_a_persisted_model_still_detects(tmp_path: Path) -> None:
    component = LanguageDetector.load(
        {}, LocalModelStorage(tmp_path), Resource("never_trained"), _context()
    )
    assert not component.identifier.trained
    assert _parse(component, "borçlarım var")[LANGUAGE] == "tr"


def test_process_training_data_and_messages_without_text(tmp_path: Path) -> None:
    component = _train_and_load(tmp_path, _training_data())
    training_data = _training_data()
    component.process_training_data(training_data)
    tagged = {m.get("text"): m.get(LANGUAGE) for m in training_data.training_examples}
    assert tagged["ik kan de huur niet betalen"] == "nl"
    assert tagged["kira borcum birikti, ödeyemiyorum"] == "tr"
    intent_only = Message(data={"intent": "greet"})
    component.process([intent_only])
    assert intent_only.get(LANGUAGE) is None


def test_recipe_runs_it_after_the_tokenizer_and_before_the_classifier() -> None:
    config = {
        "recipe": "default.v1",
        "language": "nl",
        "pipeline": [
            {"name": "WhitespaceTokenizer"},
            {"name": CLASS_PATH},
            {"name": "KeywordIntentClassifier"},
        ],
    }
    graphs = DefaultV1Recipe().graph_config_for_recipe(config, {}, training_type=TrainingType.NLU)
    train_nodes = graphs.train_schema.nodes
    assert train_nodes[f"train_{CLASS_PATH}1"].fn == "train"
    run_node = train_nodes[f"run_{CLASS_PATH}1"]
    assert run_node.fn == "process_training_data"
    assert run_node.needs["training_data"] == "run_WhitespaceTokenizer0"

    predict_nodes = graphs.predict_schema.nodes
    detector = predict_nodes[f"run_{CLASS_PATH}1"]
    assert detector.uses is LanguageDetector
    assert detector.needs["messages"] == "run_WhitespaceTokenizer0"
    # Rasa hands the conversation so far to process() at parse time.
    assert detector.needs["tracker"] == PLACEHOLDER_TRACKER
    assert predict_nodes["run_KeywordIntentClassifier2"].needs["messages"] == f"run_{CLASS_PATH}1"


async def test_agent_parse_message_returns_language_top_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole way: Rasa trains a tiny NLU-only model with the component, loads it in an
    Agent, and parse_message (what POST /model/parse returns) carries the language."""
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))
    (tmp_path / "config.yml").write_text(
        "recipe: default.v1\nlanguage: nl\nassistant_id: language-test\n"
        f"pipeline:\n- name: WhitespaceTokenizer\n- name: {CLASS_PATH}\n"
        "- name: KeywordIntentClassifier\npolicies: []\n",
        encoding="utf-8",
    )
    (tmp_path / "nlu.yml").write_text(NLU_YAML, encoding="utf-8")
    model = train_nlu("config.yml", "nlu.yml", str(tmp_path / "models"), fixed_model_name="m")
    assert model is not None
    agent = Agent.load(model)

    parsed = await agent.parse_message("kira borcum var ve ödeyemiyorum")
    assert parsed["language"] == "tr"
    assert parsed["language_confidence"] >= 0.9
    parsed = await agent.parse_message("ok")
    assert parsed["language"] == "nl"
    assert parsed["language_confidence"] == 0.0

    # Inside a conversation (what the running bot does), the processor passes the tracker.
    from rasa.core.channels.channel import UserMessage

    parsed = await agent.processor.parse_message(UserMessage("ok"), _conversation("ar"))
    assert (parsed["language"], parsed["text_language"]) == ("ar", "nl")
