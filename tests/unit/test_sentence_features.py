"""The multilingual sentence encoder and its Rasa featurizer, on the real shipped model."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import sentence_encoder
from bot.nlu.sentence_featurizer import SentenceEmbeddingFeaturizer


def test_vectors_are_unit_length_and_shaped_per_message() -> None:
    vectors = sentence_encoder.encode(["hoi", "borcum var", "عندي ديون"])
    assert vectors.shape == (3, sentence_encoder.DIMENSIONS)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert sentence_encoder.encode([]).shape == (0, sentence_encoder.DIMENSIONS)


def test_empty_and_very_long_texts_are_encoded_without_error() -> None:
    assert sentence_encoder.prepare("   ") == " "
    assert len(sentence_encoder.prepare("schuld " * 500)) == sentence_encoder.MAX_CHARS
    vectors = sentence_encoder.encode(["", "schuld " * 500])
    assert np.isfinite(vectors).all()


def test_the_same_worry_is_close_across_dutch_turkish_and_arabic() -> None:
    """The reason for the encoder: meaning, not spelling, across our three languages."""
    rent_nl, rent_tr, rent_ar, weather = sentence_encoder.encode(
        [
            "ik kan mijn huur niet betalen",
            "kiramı ödeyemiyorum",
            "لا أستطيع دفع الإيجار",
            "wat voor weer wordt het morgen",
        ]
    )
    assert rent_nl @ rent_tr > rent_nl @ weather + 0.2
    assert rent_nl @ rent_ar > rent_nl @ weather + 0.2


def make_featurizer(tmp_path) -> SentenceEmbeddingFeaturizer:
    return SentenceEmbeddingFeaturizer.create(
        {**SentenceEmbeddingFeaturizer.get_default_config()},
        LocalModelStorage(tmp_path),
        Resource("sentence"),
        ExecutionContext(graph_schema=None, model_id="test", node_name="sentence_featurizer"),
    )


def test_featurizer_adds_one_dense_sentence_feature_per_text(tmp_path) -> None:
    featurizer = make_featurizer(tmp_path)
    with_text = Message(data={"text": "ik heb schulden"})
    action_only = Message(data={"action_name": "action_listen"})
    featurizer.process([with_text, action_only])
    sequence, sentence = with_text.get_dense_features("text")
    assert sequence is None
    assert sentence.features.shape == (1, sentence_encoder.DIMENSIONS)
    assert action_only.features == []


def test_training_data_is_featurized_in_one_pass(tmp_path) -> None:
    featurizer = make_featurizer(tmp_path)
    examples = [Message(data={"text": t, "intent": "ask_help"}) for t in ("borç", "schuld")]
    featurizer.process_training_data(TrainingData(training_examples=examples))
    assert all(m.get_dense_features("text")[1] is not None for m in examples)
    np.testing.assert_allclose(
        examples[0].get_dense_features("text")[1].features[0],
        sentence_encoder.encode(["borç"])[0],
        atol=1e-5,
    )


def test_a_bad_thread_setting_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ValueError, match="threads must be a positive integer"):
        SentenceEmbeddingFeaturizer.create(
            {**SentenceEmbeddingFeaturizer.get_default_config(), "threads": 0},
            LocalModelStorage(tmp_path),
            Resource("sentence"),
            ExecutionContext(graph_schema=None, model_id="test", node_name="sentence"),
        )
