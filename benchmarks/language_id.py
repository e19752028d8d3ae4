"""Accuracy and latency of language identification on the held-out NLU files.

Trains ``LanguageIdentifier`` on data/nlu/*.yml the way the Rasa component does (labels from
intent/example metadata ``language:``), then detects every example of
tests/nlu/holdout_{nl,tr,ar}.yml and prints per language:
- accuracy (detected == label), how many came out language-neutral (None),
- confident-wrong: wrong with confidence >= the switch threshold (the harmful case),
- confident-right share: right and >= threshold (how often a message could switch),
- latency p50/p95 per message, cold (empty caches, as for a never-seen message) and warm;
  each message's time is the best of ``--repeat`` passes, because on a shared machine a
  single pass mostly measures the neighbours.

Files whose blocks carry no ``metadata: language:`` yet are labelled by their file name
(nl.yml -> nl) and the script says so. Run:
    .venv/bin/python benchmarks/language_id.py [--no-lingua] [--lingua-high-accuracy]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # Rasa's loader imports TensorFlow

from bot.language.detect import LanguageIdentifier  # noqa: E402

LANGUAGES = ("nl", "tr", "ar")


def load_examples(path: Path) -> tuple[list[str], list[str], int]:
    """Texts, labels and how many labels came from metadata (the rest: from the file name)."""
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu.language_detector import language_from_metadata

    fallback = path.stem.rsplit("_", 1)[-1]
    texts: list[str] = []
    labels: list[str] = []
    from_metadata = 0
    for message in load_data(str(path)).training_examples:
        text = message.get("text")
        label = language_from_metadata(message)
        if label:
            from_metadata += 1
        else:
            label = fallback
        if text and label in LANGUAGES:
            texts.append(text)
            labels.append(label)
    return texts, labels, from_metadata


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data" / "nlu")
    parser.add_argument("--holdout", type=Path, default=REPO / "tests" / "nlu")
    parser.add_argument("--no-lingua", action="store_true")
    parser.add_argument("--lingua-high-accuracy", action="store_true")
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()

    train_texts: list[str] = []
    train_labels: list[str] = []
    for path in sorted(args.data.glob("*.yml")):
        texts, labels, from_metadata = load_examples(path)
        train_texts += texts
        train_labels += labels
        source = "metadata" if from_metadata == len(texts) else "file name for some/all"
        print(f"train {path.relative_to(REPO)}: {len(texts)} examples (labels: {source})")
    print(f"train labels: {dict(Counter(train_labels))}")

    started = time.perf_counter()
    identifier = LanguageIdentifier(
        use_lingua=not args.no_lingua, lingua_high_accuracy=args.lingua_high_accuracy
    ).fit(train_texts, train_labels)
    print(
        f"fit: {time.perf_counter() - started:.1f} s, "
        f"{len(identifier.ngram.features) if identifier.ngram else 0} n-gram features, "
        f"lingua={'off' if args.no_lingua else 'high' if args.lingua_high_accuracy else 'low'}"
    )

    holdouts = [args.holdout / f"holdout_{code}.yml" for code in LANGUAGES]
    missing = [p.name for p in holdouts if not p.exists()]
    if missing:
        print(f"missing held-out files (skipped): {', '.join(missing)}")
    header = (
        f"{'lang':4} {'n':>4} {'acc':>6} {'none':>4} {'conf_wrong':>10} {'conf_right':>10} "
        f"{'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9}"
    )
    rows = []
    all_cold: list[float] = []
    slowest_texts: list[tuple[float, str]] = []
    total = correct = 0
    for path in holdouts:
        if not path.exists():
            continue
        texts, labels, _ = load_examples(path)
        if not texts:
            continue
        cold = [float("inf")] * len(texts)
        warm = [float("inf")] * len(texts)
        detections = []
        for _ in range(max(1, args.repeat)):
            identifier.clear_caches()
            detections = []
            for index, text in enumerate(texts):
                start = time.perf_counter()
                detections.append(identifier.detect(text))
                cold[index] = min(cold[index], time.perf_counter() - start)
            for index, text in enumerate(texts):
                start = time.perf_counter()
                identifier.detect(text)
                warm[index] = min(warm[index], time.perf_counter() - start)
        slowest = max(range(len(texts)), key=cold.__getitem__)
        slowest_texts.append((cold[slowest], texts[slowest]))
        right = [d.language == label for d, label in zip(detections, labels, strict=True)]
        confident = [d.confidence >= args.threshold for d in detections]
        none = sum(d.language is None for d in detections)
        wrong_confident = sum(c and not r for c, r in zip(confident, right, strict=True))
        right_confident = sum(c and r for c, r in zip(confident, right, strict=True))
        total += len(texts)
        correct += sum(right)
        all_cold += cold
        code = labels[0]
        rows.append(
            f"{code:4} {len(texts):4d} {sum(right) / len(texts):6.3f} {none:4d} "
            f"{wrong_confident:10d} {right_confident / len(texts):10.3f} "
            f"{percentile(cold, 0.5) * 1e6:7.0f}us {percentile(cold, 0.95) * 1e6:7.0f}us "
            f"{percentile(warm, 0.5) * 1e6:7.0f}us {percentile(warm, 0.95) * 1e6:7.0f}us"
        )
        if args.show_errors:
            for text, label, detection in zip(texts, labels, detections, strict=True):
                if detection.language != label:
                    print(f"  [{label}] {text!r} -> {detection.language} {detection.confidence}")
    print(header)
    print("\n".join(rows))
    if total:
        seconds, text = max(slowest_texts)
        mean_us = statistics.mean(all_cold) * 1e6
        p95_us = percentile(all_cold, 0.95) * 1e6
        print(
            f"all  {total:4d} {correct / total:6.3f}   cold mean {mean_us:.0f}us, "
            f"p95 {p95_us:.0f}us, max {seconds * 1e6:.0f}us ({text[:40]!r})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
