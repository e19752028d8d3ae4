"""WegwijsEntityExtractor as Rasa runs it: created from config, after WhitespaceTokenizer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.entity_extractor import WegwijsEntityExtractor

NAME = "WegwijsEntityExtractor"


@pytest.fixture(scope="module")
def storage(tmp_path_factory: pytest.TempPathFactory) -> LocalModelStorage:
    return LocalModelStorage(Path(tmp_path_factory.mktemp("model_storage")))


@pytest.fixture(scope="module")
def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), model_id="test")


@pytest.fixture(scope="module")
def tokenizer(storage: LocalModelStorage, context: ExecutionContext) -> WhitespaceTokenizer:
    return WhitespaceTokenizer.create(
        WhitespaceTokenizer.get_default_config(), storage, Resource("tokenizer"), context
    )


def make_extractor(
    storage: LocalModelStorage, context: ExecutionContext, **config: Any
) -> WegwijsEntityExtractor:
    return WegwijsEntityExtractor.create(
        {**WegwijsEntityExtractor.get_default_config(), **config},
        storage,
        Resource("entities"),
        context,
    )


@pytest.fixture(scope="module")
def extractor(storage: LocalModelStorage, context: ExecutionContext) -> WegwijsEntityExtractor:
    return make_extractor(storage, context)


def run(
    extractor: WegwijsEntityExtractor,
    tokenizer: WhitespaceTokenizer,
    text: str,
    language: str | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    data: dict[str, Any] = {TEXT: text}
    if language is not None:
        data["language"] = language
    if entities is not None:
        data[ENTITIES] = entities
    message = Message(data=data)
    tokenizer.process([message])
    (processed,) = extractor.process([message])
    return processed.get(ENTITIES)


def values(entities: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(e["entity"], e["value"]) for e in entities]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("ik woon in den bosch", "nl", [("municipality", "GM0796")]),
        ("Lahey'de oturuyorum", "tr", [("municipality", "GM0518")]),
        ("ana f rotterdam", "ar", [("municipality", "GM0599")]),
        ("أسكن في أمستردام", "ar", [("municipality", "GM0363")]),
        ("فروتردام", "ar", [("municipality", "GM0599")]),
        ("3511ab", "nl", [("municipality", "GM0344"), ("postcode", "3511 AB")]),
        ("mijn stroom wordt afgesloten", "nl", [("threat", "energy_cutoff")]),
        ("elektriğimi kesecekler", "tr", [("threat", "energy_cutoff")]),
        ("ghadi y9t3o 3liya do", "ar", [("threat", "energy_cutoff")]),
        ("zorgverzekering is opgezegd", "nl", [("threat", "insurance_termination")]),
        ("ik doe mijn best", "nl", []),
        # without a language attribute the script picks the tokeniser
        ("أسكن في أمستردام", None, [("municipality", "GM0363")]),
    ],
)
def test_process(
    extractor: WegwijsEntityExtractor,
    tokenizer: WhitespaceTokenizer,
    text: str,
    language: str | None,
    expected: list[tuple[str, str]],
) -> None:
    entities = run(extractor, tokenizer, text, language)
    assert values(entities) == expected
    for entity in entities:
        assert entity["confidence_entity"] == 1.0
        assert entity["extractor"] == NAME
        assert 0 <= entity["start"] < entity["end"] <= len(text)


def test_entity_dict_shape(
    extractor: WegwijsEntityExtractor, tokenizer: WhitespaceTokenizer
) -> None:
    assert run(extractor, tokenizer, "Lahey'de oturuyorum", "tr") == [
        {
            "entity": "municipality",
            "value": "GM0518",
            "start": 0,
            "end": 5,
            "confidence_entity": 1.0,
            "extractor": NAME,
        }
    ]


def test_keeps_existing_entities_and_skips_same_span(
    extractor: WegwijsEntityExtractor, tokenizer: WhitespaceTokenizer
) -> None:
    earlier = [
        {"entity": "municipality", "value": "Rotterdam", "start": 11, "end": 20},
        {"entity": "preferred_language", "value": "nl", "start": 0, "end": 2},
    ]
    entities = run(
        extractor,
        tokenizer,
        "ik woon in Rotterdam en de stroom wordt afgesloten",
        "nl",
        [dict(e) for e in earlier],
    )
    assert entities[:2] == earlier
    assert values(entities[2:]) == [("threat", "energy_cutoff")]


def test_config_limits_entity_types(
    storage: LocalModelStorage, context: ExecutionContext, tokenizer: WhitespaceTokenizer
) -> None:
    only_threats = make_extractor(storage, context, entities=["threat"])
    text = "ik woon in Utrecht, 3511 AB, en mijn gas wordt afgesloten"
    assert values(run(only_threats, tokenizer, text, "nl")) == [("threat", "energy_cutoff")]
    with pytest.raises(ValueError, match="entities must be among"):
        make_extractor(storage, context, entities=["address"])


def test_messages_without_text_pass_through(extractor: WegwijsEntityExtractor) -> None:
    message = Message(data={"intent": {"name": "greet"}})
    assert extractor.process([message]) == [message]
    assert message.get(ENTITIES) is None


def test_rasa_loads_it_through_create(
    storage: LocalModelStorage, context: ExecutionContext, tokenizer: WhitespaceTokenizer
) -> None:
    """At inference Rasa calls ``load`` (there is nothing trained to read)."""
    loaded = WegwijsEntityExtractor.load(
        WegwijsEntityExtractor.get_default_config(), storage, Resource("entities"), context
    )
    assert values(run(loaded, tokenizer, "فروتردام", "ar")) == [("municipality", "GM0599")]
