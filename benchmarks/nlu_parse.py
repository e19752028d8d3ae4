"""Cost of the NLU pipeline per message: latency of ``Agent.parse_message`` and process memory.

Loads a trained model (``models/wegwijs.tar.gz`` by default) the way the Rasa server does and
parses every held-out message of tests/nlu (the holdout and blind sets, about 2,400 messages in
three languages) one at a time, as a resident's messages arrive. Each message's time is the best of
``--repeat`` passes, because on a shared machine a single pass mostly measures the neighbours.
Prints p50 / p95 / max per message, the sentence encoder's share, and the resident set size
after loading and after parsing. Run:

    .venv/bin/python benchmarks/nlu_parse.py [--model models/wegwijs.tar.gz] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; falls back to the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def held_out_texts() -> list[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    texts: list[str] = []
    for path in sorted((REPO / "tests" / "nlu").rglob("*.yml")):
        if path.name.startswith("conversations_"):
            continue  # whole conversations, not Rasa NLU data (see scripts/eval_nlu.py)
        texts.extend(m.get("text") for m in load_data(str(path)).training_examples)
    return [t for t in texts if t]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def measure(model: Path, repeat: int) -> None:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    from bot.nlu import sentence_encoder

    configure_structlog(30)
    before = rss_mb()
    started = time.perf_counter()
    agent = Agent.load(str(model))
    load_seconds = time.perf_counter() - started
    loaded = rss_mb()
    texts = held_out_texts()
    best = [float("inf")] * len(texts)
    encoder = [float("inf")] * len(texts)
    for _ in range(repeat):
        for index, text in enumerate(texts):
            t0 = time.perf_counter()
            await agent.parse_message(text)
            best[index] = min(best[index], time.perf_counter() - t0)
            t0 = time.perf_counter()
            sentence_encoder.encode([text])
            encoder[index] = min(encoder[index], time.perf_counter() - t0)
    ms = [1000 * s for s in best]
    enc = [1000 * s for s in encoder]
    print(f"model {model}: loaded in {load_seconds:.1f} s")
    print(f"messages: {len(texts)}, best of {repeat} passes each")
    print(
        f"parse_message ms: p50 {statistics.median(ms):.2f}, p95 {percentile(ms, 0.95):.2f}, "
        f"max {max(ms):.2f}"
    )
    print(
        f"  of which sentence encoder ms: p50 {statistics.median(enc):.2f}, "
        f"p95 {percentile(enc, 0.95):.2f}"
    )
    print(
        f"RSS MB: {before:.0f} before load, {loaded:.0f} after load, {rss_mb():.0f} after parsing"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=REPO / "models" / "wegwijs.tar.gz")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.model.exists():
        print(f"no model at {args.model}: run `make train` first", file=sys.stderr)
        return 2
    asyncio.run(measure(args.model, max(1, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
