"""Per-message latency of the rule-based matching: entity extraction (target: well under 2
ms) and the safety words the SafetyOverride reads on top (self-harm and despair lexicons).

Messages: every example of data/nlu/*.yml and tests/nlu/holdout_*.yml (annotations removed)
plus pairs of them joined into longer two-sentence messages, shuffled with a fixed seed, up to
``--messages``. Each message carries the language of its file, as LanguageDetector would set.

Prints p50/p95/p99/max per message for
- cold: first pass with empty word caches (a never-seen message; matchers already built),
- warm: best of ``--repeat`` passes (on a shared machine a single pass mostly measures the
  neighbours),
for ``bot.nlu.matching.extract_entities``, ``mentions_self_harm`` and ``shows_distress`` (each
with its own tokenisation, as the public functions do) and, with ``--component``, for
``WegwijsEntityExtractor.process`` on messages already tokenised by WhitespaceTokenizer.

    .venv/bin/python benchmarks/entity_extractor.py [--messages 3000] [--repeat 5] [--component]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # spaCy and Rasa import TensorFlow

import yaml  # noqa: E402

from bot.nlu import matching  # noqa: E402
from bot.nlu.matching import text as text_module  # noqa: E402
from bot.nlu.matching.places import default_place_matcher  # noqa: E402
from bot.nlu.matching.threats import default_threat_matcher  # noqa: E402

_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def load_examples() -> list[tuple[str, str]]:
    """(text, language) of every NLU example, language from the file name."""
    examples: list[tuple[str, str]] = []
    files = sorted((REPO / "data" / "nlu").glob("*.yml")) + sorted(
        (REPO / "tests" / "nlu").glob("holdout_*.yml")
    )
    for path in files:
        language = path.stem.rsplit("_", 1)[-1]
        if language not in matching.LANGUAGES:
            continue
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((_ANNOTATION.sub(r"\1", line[2:]), language))
    return examples


def build_messages(count: int, seed: int = 7) -> list[tuple[str, str]]:
    examples = load_examples()
    if not examples:
        raise SystemExit("no NLU examples found under data/nlu or tests/nlu")
    rng = random.Random(seed)
    messages = list(examples)
    while len(messages) < count:
        (first, language), (second, _) = rng.choice(examples), rng.choice(examples)
        messages.append((f"{first}. {second}", language))
    rng.shuffle(messages)
    return messages[:count]


def clear_word_caches() -> None:
    text_module.fold.cache_clear()
    default_threat_matcher()._word_cache.clear()
    default_place_matcher()._repairs.clear()


def time_each(items: list[Any], call: Callable[[Any], object]) -> list[float]:
    """Seconds per item, one call each."""
    times = []
    for item in items:
        started = time.perf_counter()
        call(item)
        times.append(time.perf_counter() - started)
    return times


def report(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)

    def pick(q: float) -> float:
        return ms[min(len(ms) - 1, int(q * len(ms)))]

    print(
        f"{label:28} n={len(ms):5}  mean={statistics.fmean(ms):.3f}  p50={pick(0.5):.3f}  "
        f"p95={pick(0.95):.3f}  p99={pick(0.99):.3f}  max={ms[-1]:.3f}  (ms)"
    )


def measure(label: str, items: list[Any], call: Callable[[Any], object], repeat: int) -> None:
    clear_word_caches()
    report(f"{label} cold", time_each(items, call))
    best = time_each(items, call)
    for _ in range(repeat - 1):
        best = [min(a, b) for a, b in zip(best, time_each(items, call), strict=True)]
    report(f"{label} warm", best)


def component_runner(messages: list[tuple[str, str]]) -> tuple[list[Any], Callable[[Any], object]]:
    """Tokenised Rasa messages and a call that runs the real component on one of them."""
    import tempfile

    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
    from rasa.shared.nlu.constants import ENTITIES, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.entity_extractor import WegwijsEntityExtractor

    storage = LocalModelStorage(Path(tempfile.mkdtemp(prefix="entity_bench_")))
    context = ExecutionContext(GraphSchema({}), model_id="benchmark")
    tokenizer = WhitespaceTokenizer.create(
        WhitespaceTokenizer.get_default_config(), storage, Resource("tokenizer"), context
    )
    extractor = WegwijsEntityExtractor.create(
        WegwijsEntityExtractor.get_default_config(), storage, Resource("entities"), context
    )
    prepared = []
    for text, language in messages:
        message = Message(data={TEXT: text, "language": language})
        tokenizer.process([message])
        prepared.append(message)

    def run(message: Message) -> object:
        message.set(ENTITIES, [])
        return extractor.process([message])

    return prepared, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--component", action="store_true", help="also time the Rasa component")
    args = parser.parse_args()

    messages = build_messages(args.messages)
    started = time.perf_counter()
    matching.warm_up()  # load spaCy and build every matcher, as the NLU components do
    print(f"setup (spaCy blank x3, matchers): {time.perf_counter() - started:.2f} s")

    found = sum(len(matching.extract_entities(t, lang)) for t, lang in messages)
    print(f"{len(messages)} messages, {found} entities found")
    measure("extract_entities", messages, lambda m: matching.extract_entities(*m), args.repeat)
    measure("mentions_self_harm", messages, lambda m: matching.mentions_self_harm(*m), args.repeat)
    measure("shows_distress", messages, lambda m: matching.shows_distress(*m), args.repeat)
    if args.component:
        prepared, run = component_runner(messages)
        measure("component.process", prepared, run, args.repeat)


if __name__ == "__main__":
    main()
