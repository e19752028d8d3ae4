"""The intent classifier trained, persisted and loaded through Rasa's own storage. No mocks."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix

from bot.nlu.intent_classifier import WegwijsIntentClassifier, origin_name, sentence_vector
from bot.nlu.sentence_featurizer import SentenceEmbeddingFeaturizer

EXAMPLES = {
    "ask_help": [
        "ik heb schulden",
        "ik kan de rekeningen niet meer betalen",
        "borçlarım var",
        "faturaları ödeyemiyorum",
        "عندي ديون كثيرة",
        "3andi mochkil m3a lflous",
    ],
    "greet": ["hoi", "goedemorgen", "merhaba", "selam", "السلام عليكم", "salam"],
    "goodbye": ["doei", "tot ziens", "görüşürüz", "hoşça kal", "مع السلامة", "bslama"],
}


def context(name: str) -> ExecutionContext:
    return ExecutionContext(graph_schema=None, model_id="test", node_name=name)


def featurize(messages: list[Message], storage: LocalModelStorage, train: bool) -> None:
    """The pipeline's featurizers in config.yml order, trained on the first call."""
    data = TrainingData(training_examples=messages)
    WhitespaceTokenizer.create(
        WhitespaceTokenizer.get_default_config(), storage, Resource("tok"), context("tok")
    ).process_training_data(data)
    SentenceEmbeddingFeaturizer.create(
        SentenceEmbeddingFeaturizer.get_default_config(), storage, Resource("use"), context("use")
    ).process_training_data(data)
    config = {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb",
              "min_ngram": 2, "max_ngram": 4}  # fmt: skip
    resource = Resource("cv")
    if train:
        counts = CountVectorsFeaturizer.create(config, storage, resource, context("cv"))
        counts.train(data)
    else:
        counts = CountVectorsFeaturizer.load(config, storage, resource, context("cv"))
    counts.process_training_data(data)


def train_classifier(tmp_path) -> tuple[LocalModelStorage, Resource]:
    storage = LocalModelStorage(tmp_path)
    messages = [
        Message(data={"text": text, "intent": intent})
        for intent, texts in EXAMPLES.items()
        for text in texts
    ]
    featurize(messages, storage, train=True)
    resource = Resource("intent")
    classifier = WegwijsIntentClassifier.create(
        WegwijsIntentClassifier.get_default_config(), storage, resource, context("intent")
    )
    classifier.train(TrainingData(training_examples=messages))
    return storage, resource


def parse(texts: list[str], storage: LocalModelStorage, resource: Resource) -> list[Message]:
    classifier = WegwijsIntentClassifier.load(
        WegwijsIntentClassifier.get_default_config(), storage, resource, context("intent")
    )
    messages = [Message(data={"text": text}) for text in texts]
    featurize(messages, storage, train=False)
    return classifier.process(messages)


def test_a_loaded_model_classifies_unseen_wording(tmp_path) -> None:
    storage, resource = train_classifier(tmp_path)
    [debt, hello] = parse(["ik heb een grote schuld bij de bank", "merhabalar"], storage, resource)
    assert debt.get("intent")["name"] == "ask_help"
    assert hello.get("intent")["name"] == "greet"
    ranking = debt.get("intent_ranking")
    assert ranking[0]["name"] == "ask_help"
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6


def test_the_feature_layout_survives_persisting(tmp_path) -> None:
    storage, resource = train_classifier(tmp_path)
    loaded = WegwijsIntentClassifier.load(
        WegwijsIntentClassifier.get_default_config(), storage, resource, context("intent")
    )
    # Origins are the featurizers' node names ("cv", "use" here; config.yml gives longer ones).
    assert [origin for origin, _ in loaded.layout] == ["cv", "use"]
    assert loaded.layout[1] == ("use", 512)
    assert loaded.clf.coef_.shape[1] == sum(width for _, width in loaded.layout)


def test_each_featurizer_block_is_unit_length_and_missing_ones_are_zero() -> None:
    from rasa.shared.nlu.training_data.features import Features

    message = Message(data={"text": "x"})
    message.add_features(Features(csr_matrix([[3.0, 4.0]]).tocoo(), "sentence", "text", "a"))
    vector = sentence_vector(message, [("a", 2), ("b", 3)])
    assert vector.shape == (1, 5)
    assert vector.toarray().round(3).tolist() == [[0.6, 0.8, 0.0, 0.0, 0.0]]
    assert origin_name(["a", "b"]) == "a+b" and origin_name(None) == "None"
