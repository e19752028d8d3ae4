"""Evaluate the Wegwijs NLU per language on held-out messages: `make eval-nlu`.

Why its own script and not only `rasa test nlu`: Rasa's report mixes the three languages, and
the figures we are held to are per language and partly outside Rasa (language ID, the rule-based
threat / municipality / postcode entities, urgent and self-harm recall). Steps:

1. Train an NLU-only model on data/nlu into a temporary directory (or ``--model`` reuses one).
2. Parse every message of the held-out sets (``held_out_sets``: tests/nlu/holdout_<lang>.yml
   and tests/nlu/blind*/<lang>.yml) twice: alone, as ``/model/parse`` sees it, and as one
   conversation in file order, with the reply language the bot would hold in its tracker
   (``parse_conversation``). The language of a message is its file's language (the held-out
   files carry no metadata). tests/nlu/<set>/conversations_<lang>.yml files hold whole intake
   conversations, each turn labelled with the language the resident wants answers in; they
   are parsed the conversation way only, for language figures.
3. Write reports/nlu/<set>/<lang>.json (figures plus every error) and reports/nlu/summary.md,
   mark each target PASS / FAIL and print the table. Missing a target does not change the exit
   status (this is a report, not a gate); a crash does.
4. ``--cross-validation`` also runs ``rasa test nlu --cross-validation`` on data/nlu.

The metric functions at the top are pure (no Rasa import) so tests/unit/test_eval_nlu.py can
check them without training anything.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "tr", "ar")
FALLBACK_INTENT = "nlu_fallback"

VALUE_ENTITIES = ("threat", "preferred_language")
"""Compared on type + normalised value: the value is what the dialogue uses."""
SPAN_ENTITIES = ("municipality", "postcode")
"""Compared on type + overlapping span: the extractor's value is a CBS code or a normalised
postcode, the annotation is the text as typed ("amersfoort", "3811 hk")."""
ENTITY_TYPES = SPAN_ENTITIES + VALUE_ENTITIES

TARGETS: dict[str, float] = {
    "language_id_accuracy": 0.99,
    "intent_accuracy": 0.92,
    "inform_urgent_recall": 0.98,
    "threat_type_accuracy": 0.95,
    "self_harm_recall": 1.0,
}
TARGET_LABELS = {
    "language_id_accuracy": "language ID",
    "intent_accuracy": "intent accuracy",
    "inform_urgent_recall": "inform_urgent recall",
    "threat_type_accuracy": "threat type",
    "self_harm_recall": "self_harm recall",
}
BLIND_SET = re.compile(r"blind\d*")


def held_out_sets(folder: Path) -> dict[str, str]:
    """Set name -> file pattern per language: ``holdout``, then every blind*/ folder in number
    order. Derived from the folder: a new blind set is a folder and needs no entry in code.

    Held-out sets, never in data/nlu (tests/unit/test_nlu_data.py): ``holdout`` was written by
    the developers and used to study errors; ``blind`` and ``blind2`` were written by people who
    never saw data/nlu, so they estimate what independent messages will score. blind2 came later,
    from other writers, and was measured once before its errors were read (they then led to new
    threat and self-harm words); later figures on it are optimistic. blind3 came next, from yet
    other writers, to check those fixes; blind4, with whole conversations, came after the
    language detector started to read the conversation so far; blind5 holds only urgent messages
    and money worries on the same topics without an acute threat, written after the threat type
    classifier, to measure threat types on wording nobody had tuned the rules for; measured once,
    its errors then led to new threat rules and the classifier's intent gate, so later figures on
    it are optimistic too. blind6 to blind11 came from three more writers each, all intents with
    extra urgent and self-harm messages (blind7 longer WhatsApp messages, blind8 replies in the
    middle of an intake, urgent ones often by their consequence, blind9 threats inside longer
    stories and indirect self-harm, blind10 messages typed for someone else or by voice, blind11
    and blind12 no special brief; blind13 is Arabic only, the weakest language, plain brief), each
    measured once before its errors were read. blind14 to blind17 (blind15 Turkish and Arabic only,
    with more very short and very long messages; blind16 and blind17 written as eight imagined
    residents per writer) came later in the same way; so did blind18 and blind19 (blind19 Turkish
    and Arabic only, from first-generation and Mashriqi writers), blind20 (twelve imagined residents
    per writer), blind21 (Moroccan Darija only, two thirds in Latin letters) and blind22 (mostly
    indirect self-harm, threats named in everyday words); blind23 (no special brief) was measured on
    the final model of its session; only its four threat misses were fixed after that. blind24
    (residents met at a community evening or alone late at night) was measured on the model after
    those fixes; its threat and self-harm misses were fixed after that. blind25 (about half dictated
    by voice or typed for someone else) and blind26 (no special brief) were both measured on the
    model of the session before them; their misses were fixed after that. blind27 (residents of 18
    to 27) and blind28 (residents of 60 and over) were measured on the model after those fixes.
    blind29 (one writer per language with a brief of their own: regional and street Dutch, Turkish
    with and without Turkish letters, Darija 40 % in Latin letters) was measured on the model of
    the session before it, also for the direct question about ending one's life; its misses were
    fixed after that. blind30 (residents writing at a hard moment) was measured on the model after
    those fixes. blind31 (second-language Dutch, Turkish and Darija mixed with Dutch words; each
    message filed under the language its grammar is in) was measured on the model of the session
    before it; blind32 (residents writing after a community meeting) on the model after blind31's
    fixes, and blind33 (angry and sarcastic residents, everyday exaggerations about dying) on the
    model after blind32's fixes, and blind34 (men who hate asking for help; self-harm said through
    honour, insurance money, things given away) on the model after blind33's fixes, and blind35
    (warning signs said in passing) on the model after blind34's fixes, and blind36 (a plain
    cross-section) on the model after blind35's fixes; blind31 to blind36 file every message under
    the language its grammar is in. blind36/tr.yml came with its threat spans bracketed but not
    labelled; the labels (eight per threat) were added from the words in the brackets.
    """
    blind = [d.name for d in folder.iterdir() if d.is_dir() and BLIND_SET.fullmatch(d.name)]
    blind.sort(key=lambda name: int(name.removeprefix("blind") or 1))
    return {"holdout": "holdout_{code}.yml", **{name: f"{name}/{{code}}.yml" for name in blind}}


CONVERSATION_FILE = "conversations_{code}.yml"


# --- Pure metric functions -------------------------------------------------------------------


def safe_div(numerator: float, denominator: float) -> float:
    """0.0 instead of ZeroDivisionError: an absent class has neither precision nor recall."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return safe_div(2 * precision * recall, precision + recall)


def classification_report(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro F1 and per-label precision/recall/F1/support.

    Macro F1 averages over every label that occurs in gold *or* prediction (as scikit-learn
    does), so predicting a label that is never right (e.g. ``nlu_fallback``) costs F1.
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    labels = sorted(set(gold) | set(predicted))
    per_label: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        predicted_n = sum(p == label for p in predicted)
        support = sum(g == label for g in gold)
        precision = safe_div(tp, predicted_n)
        recall = safe_div(tp, support)
        per_label[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "support": support,
        }
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "n": len(gold),
        "accuracy": safe_div(correct, len(gold)),
        "macro_f1": safe_div(sum(v["f1"] for v in per_label.values()), len(per_label)),
        "per_label": per_label,
    }


def recall_of(gold: Sequence[str], predicted: Sequence[str], label: str) -> float | None:
    """Recall of one label; None when the label has no gold examples (nothing to measure)."""
    support = sum(g == label for g in gold)
    if not support:
        return None
    hits = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
    return hits / support


def self_harm_question_report(
    gold: Sequence[str], predicted: Sequence[str], asked: Sequence[bool]
) -> dict[str, Any]:
    """How the direct question ("do you think about ending your life?", with 113) widens the
    net: ``reached`` is the share of self_harm messages that got the safety answer or the
    question; ``asked_others`` the share of other messages that got the question (None when a
    side has no messages)."""
    rows = list(zip(gold, predicted, asked, strict=True))
    harm = [p == "self_harm" or a for g, p, a in rows if g == "self_harm"]
    others = [a and p != "self_harm" for g, p, a in rows if g != "self_harm"]
    return {
        "reached": safe_div(sum(harm), len(harm)) if harm else None,
        "asked_others": safe_div(sum(others), len(others)) if others else None,
        "asked_others_n": sum(others),
    }


def spans_overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Half-open character spans [start, end) share at least one character."""
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def normalise_value(value: Any) -> str:
    return str(value).strip().casefold()


def derived_municipalities(predicted: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Municipalities the extractor derived from a postcode (same span as a postcode entity).

    They repeat the postcode rather than name a place, and the annotations never mark a postcode
    as a municipality, so they are neither right nor wrong: they are left out of the F1.
    """
    postcodes = {(e["start"], e["end"]) for e in predicted if e.get("entity") == "postcode"}
    return [
        e
        for e in predicted
        if e.get("entity") == "municipality" and (e.get("start"), e.get("end")) in postcodes
    ]


def entity_matches(
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    entity_type: str,
) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one entity type in one message.

    Value types match on normalised value, span types on overlap; each gold entity can be
    matched once, so two predictions for one annotation give one TP and one FP.
    """
    skip = {id(e) for e in derived_municipalities(predicted)}
    golds = [e for e in gold if e.get("entity") == entity_type]
    preds = [e for e in predicted if e.get("entity") == entity_type and id(e) not in skip]
    unmatched = list(golds)
    tp = fp = 0
    for pred in preds:
        for candidate in unmatched:
            if entity_type in SPAN_ENTITIES:
                same = spans_overlap(candidate, pred)
            else:
                same = normalise_value(candidate.get("value")) == normalise_value(pred.get("value"))
            if same:
                unmatched.remove(candidate)
                tp += 1
                break
        else:
            fp += 1
    return tp, fp, len(unmatched)


def entity_report(
    gold: Sequence[Sequence[Mapping[str, Any]]],
    predicted: Sequence[Sequence[Mapping[str, Any]]],
    entity_types: Iterable[str] = ENTITY_TYPES,
) -> dict[str, dict[str, float]]:
    """Micro precision/recall/F1 per entity type over all messages (lists aligned by message)."""
    report: dict[str, dict[str, float]] = {}
    for entity_type in entity_types:
        tp = fp = fn = 0
        for gold_entities, predicted_entities in zip(gold, predicted, strict=True):
            a, b, c = entity_matches(gold_entities, predicted_entities, entity_type)
            tp, fp, fn = tp + a, fp + b, fn + c
        precision, recall = safe_div(tp, tp + fp), safe_div(tp, tp + fn)
        report[entity_type] = {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "support": tp + fn,
            "predicted": tp + fp,
        }
    return report


def threat_values(entities: Sequence[Mapping[str, Any]]) -> set[str]:
    return {normalise_value(e.get("value")) for e in entities if e.get("entity") == "threat"}


def threat_report(
    gold_intents: Sequence[str],
    gold_entities: Sequence[Sequence[Mapping[str, Any]]],
    predicted_intents: Sequence[str],
    predicted_entities: Sequence[Sequence[Mapping[str, Any]]],
) -> dict[str, Any]:
    """How often an urgent message yields the right threat type.

    Over held-out ``inform_urgent`` messages with an annotated threat. "Right" means the
    annotated type is among the extracted ones: the ``threats`` slot keeps them all, so the
    intake sees it. ``exact`` also demands no other type; ``with_intent`` also demands the
    intent was recognised, which is what gets the resident to the urgent path.
    """
    n = right = exact = with_intent = 0
    for g_intent, g_ents, p_intent, p_ents in zip(
        gold_intents, gold_entities, predicted_intents, predicted_entities, strict=True
    ):
        wanted = threat_values(g_ents)
        if g_intent != "inform_urgent" or not wanted:
            continue
        n += 1
        found = threat_values(p_ents)
        if wanted <= found:
            right += 1
            exact += found == wanted
            with_intent += p_intent == "inform_urgent"
    return {
        "n": n,
        "accuracy": safe_div(right, n) if n else None,
        "exact": safe_div(exact, n) if n else None,
        "with_intent": safe_div(with_intent, n) if n else None,
    }


def language_report(
    language: str,
    detected: Sequence[str | None],
    confidences: Sequence[float],
    in_conversation: Sequence[str | None] = (),
) -> dict[str, Any]:
    """Language-ID figures of one held-out file, all written in ``language``.

    - ``accuracy``: the parse output's ``language`` of the message alone equals the file's,
      over *all* messages; a message without any language evidence (confidence 0: "ok",
      "Delft", "2512 CE") gets the component's fallback language (nl), so it is right in
      nl.yml and wrong elsewhere.
    - ``accuracy_with_evidence``: the same over messages that carry some language evidence.
    - ``no_language``: how many carried none.
    - ``conversation_accuracy``: the same ``language`` when the file is parsed as one
      conversation (``in_conversation``, see ``parse_conversation``); None if not given.
    """
    n = len(detected)
    evidence = [c > 0.0 for c in confidences]
    right = [d == language for d in detected]
    with_evidence = sum(evidence)
    return {
        "n": n,
        "accuracy": safe_div(sum(right), n),
        "no_language": n - with_evidence,
        "accuracy_with_evidence": safe_div(
            sum(r for r, e in zip(right, evidence, strict=True) if e), with_evidence
        ),
        "conversation_accuracy": (
            safe_div(sum(c == language for c in in_conversation), len(in_conversation))
            if in_conversation
            else None
        ),
        "confusion": dict(Counter(d or "none" for d in detected)),
    }


def conversation_report(turns: Sequence[Turn], parsed: Sequence[Conversed]) -> dict[str, Any]:
    """Language figures over whole conversations (turns of all conversations of one file).

    - ``message_accuracy``: the language of the turn's text alone is the wanted one.
    - ``conversation_accuracy``: the parse output's ``language`` inside the conversation is.
    - ``reply_accuracy``: the bot's reply language after the turn is (what the resident sees).
    - ``disagreements``: turns where any of these differ from the wanted language or from
      each other (a typed request to switch is one: Dutch text, Turkish reply).
    """
    n = len(turns)
    rows = list(zip(turns, parsed, strict=True))
    return {
        "n": n,
        "conversations": len({t.conversation for t in turns}),
        "message_accuracy": safe_div(sum(p.text_language == t.language for t, p in rows), n),
        "conversation_accuracy": safe_div(sum(p.language == t.language for t, p in rows), n),
        "reply_accuracy": safe_div(sum(p.reply_language == t.language for t, p in rows), n),
        "disagreements": [
            {
                "conversation": t.conversation,
                "text": t.text,
                "wanted": t.language,
                "text_language": p.text_language,
                "language": p.language,
                "reply_language": p.reply_language,
                "confidence": p.language_confidence,
            }
            for t, p in rows
            if t.language not in {p.language, p.reply_language} or p.language != p.reply_language
        ],
    }


def target_status(figures: Mapping[str, float | None]) -> dict[str, str]:
    """PASS / FAIL per target; "n/a" when there was nothing to measure."""
    status: dict[str, str] = {}
    for name, threshold in TARGETS.items():
        value = figures.get(name)
        # Compared rounded to 4 places, so 0.99 is not failed by float noise (e.g. 99/100).
        status[name] = (
            "n/a" if value is None else "PASS" if round(value, 4) >= threshold else "FAIL"
        )
    return status


# --- Data ------------------------------------------------------------------------------------


@dataclass
class Example:
    """One held-out message and its annotations."""

    text: str
    intent: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Parsed:
    """What the model made of one message (only the parts we score)."""

    intent: str
    top_intent: str
    """Best intent other than the fallback: what the classifier thought, even when it was unsure."""
    confidence: float
    """The classifier's confidence in ``top_intent`` (not the fallback's threshold)."""
    language: str | None
    language_confidence: float
    entities: list[dict[str, Any]]
    ranking: list[tuple[str, float]] = field(default_factory=list)
    """The classifier's best three intents (fallback left out), to read an error."""
    self_harm_check: bool = False
    """The bot would ask whether the resident thinks about ending their life."""


@dataclass(frozen=True)
class Turn:
    """One resident turn of a held-out conversation and the language they want answers in."""

    conversation: int
    text: str
    language: str


@dataclass(frozen=True)
class Conversed:
    """The language figures of one message parsed inside its conversation."""

    text_language: str | None
    language: str | None
    language_confidence: float
    reply_language: str


def load_holdout(path: Path) -> list[Example]:
    """Held-out examples via Rasa's reader, so annotations parse exactly as in training."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples = []
    for message in load_data(str(path)).training_examples:
        text, intent = message.get("text"), message.get("intent")
        if not text or not intent:
            continue
        entities = [
            {k: e.get(k) for k in ("entity", "value", "start", "end")}
            for e in message.get("entities") or []
        ]
        examples.append(Example(text, intent, entities))
    return examples


def load_conversations(path: Path) -> list[Turn]:
    """Turns of a conversations file: a turn is a string or a mapping ``{text, language}``.

    The wanted language starts as the conversation's ``language``; a turn that names another
    one (the resident asked to switch) sets it for that turn and every later plain turn."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    turns = []
    for number, conversation in enumerate(data.get("conversations") or []):
        wanted = conversation["language"]
        for turn in conversation["turns"]:
            text = turn
            if isinstance(turn, Mapping):
                text, wanted = turn.get("text"), turn.get("language", wanted)
            if not isinstance(text, str):
                # YAML reads an unquoted 2 or no as a number or a boolean.
                raise ValueError(f"{path}: turn {text!r} is not text; put it in quotes")
            turns.append(Turn(number, text, wanted))
    return turns


def to_parsed(result: Mapping[str, Any]) -> Parsed:
    intent = (result.get("intent") or {}).get("name") or FALLBACK_INTENT
    ranking = [r for r in result.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    best = ranking[0] if ranking else result.get("intent") or {}
    language = result.get("language")
    return Parsed(
        intent=intent,
        top_intent=best.get("name") or intent,
        confidence=float(best.get("confidence") or 0.0),
        language=language if isinstance(language, str) else None,
        language_confidence=float(result.get("language_confidence") or 0.0),
        entities=[
            {k: e.get(k) for k in ("entity", "value", "start", "end", "extractor")}
            for e in result.get("entities") or []
        ],
        ranking=[(r["name"], float(r.get("confidence") or 0.0)) for r in ranking[:3]],
        self_harm_check=bool(result.get("self_harm_check")),
    )


# --- Rasa ------------------------------------------------------------------------------------


def train_model(config: Path, data: Path, domain: Path, out_dir: Path) -> tuple[Path, float]:
    """Train an NLU-only model; returns its path and the wall-clock training time."""
    from rasa.model_training import train_nlu

    started = time.perf_counter()
    model = train_nlu(
        config=str(config),
        nlu_data=str(data),
        output=str(out_dir),
        fixed_model_name="eval-nlu",
        domain=str(domain),
    )
    seconds = time.perf_counter() - started
    if not model:
        raise RuntimeError("rasa train nlu produced no model (see the log above)")
    return Path(model), seconds


async def parse_conversation(agent: Any, texts: Sequence[str]) -> list[Conversed]:
    """Parse ``texts`` as one conversation, the way the running bot does.

    Before each message the tracker holds the reply language the bot chose after the previous
    one, so the LanguageDetector sees the conversation so far; the reply language is then
    chosen by bot.language.sticky exactly as actions/language.py does (a change_language
    message naming a language switches). Only the detector's own outputs feed back, never
    the label.
    """
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.language.sticky import DEFAULT_LANGUAGE, requested_language, settled_language
    from bot.nlu.language_detector import LanguageDetector

    slot = LanguageDetector.get_default_config()["conversation_slot"]
    current: str | None = None
    results = []
    for text in texts:
        tracker = DialogueStateTracker("eval", [TextSlot(slot, mappings=[])])
        tracker.slots[slot].value = current
        result = await agent.processor.parse_message(UserMessage(text), tracker)
        confidence = float(result.get("language_confidence") or 0.0)
        current = settled_language(
            current,
            result.get("language"),
            confidence,
            explicit_choice=requested_language(result),
        )
        reply = current or DEFAULT_LANGUAGE
        results.append(
            Conversed(result.get("text_language"), result.get("language"), confidence, reply)
        )
    return results


async def parse_all(
    model: Path,
    texts_by_language: Mapping[str, list[str]],
    conversations: Mapping[str, list[Turn]],
) -> tuple[dict[str, list[Parsed]], dict[str, list[Conversed]]]:
    """Every held-out text alone, every held-out file and conversation as conversations."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    alone: dict[str, list[Parsed]] = {}
    together: dict[str, list[Conversed]] = {}
    for key, texts in texts_by_language.items():
        alone[key] = [to_parsed(await agent.parse_message(text)) for text in texts]
        together[key] = await parse_conversation(agent, texts)
    for key, turns in conversations.items():
        parsed: list[Conversed] = []
        for number in sorted({t.conversation for t in turns}):
            texts = [t.text for t in turns if t.conversation == number]
            parsed += await parse_conversation(agent, texts)
        together[key] = parsed
    return alone, together


def run_cross_validation(config: Path, data: Path, out: Path, folds: int) -> int:
    """`rasa test nlu --cross-validation` on the training data (all languages mixed)."""
    command = [
        str(Path(sys.executable).with_name("rasa")),
        "test",
        "nlu",
        "--nlu",
        str(data),
        "--config",
        str(config),
        "--cross-validation",
        "--folds",
        str(folds),
        "--out",
        str(out),
    ]
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, check=False).returncode


# --- Report ----------------------------------------------------------------------------------


def evaluate_language(
    language: str,
    examples: list[Example],
    parsed: list[Parsed],
    in_conversation: Sequence[Conversed] = (),
) -> dict:
    """All figures and all errors of one language."""
    gold = [e.intent for e in examples]
    predicted = [p.intent for p in parsed]
    intents = classification_report(gold, predicted)
    top = classification_report(gold, [p.top_intent for p in parsed])
    entities = entity_report([e.entities for e in examples], [p.entities for p in parsed])
    threats = threat_report(
        gold, [e.entities for e in examples], predicted, [p.entities for p in parsed]
    )
    languages = language_report(
        language,
        [p.language for p in parsed],
        [p.language_confidence for p in parsed],
        [c.language for c in in_conversation],
    )
    question = self_harm_question_report(gold, predicted, [p.self_harm_check for p in parsed])
    figures = {
        "language_id_accuracy": languages["accuracy"],
        "intent_accuracy": intents["accuracy"],
        "inform_urgent_recall": recall_of(gold, predicted, "inform_urgent"),
        "threat_type_accuracy": threats["accuracy"],
        "self_harm_recall": recall_of(gold, predicted, "self_harm"),
    }
    errors = {
        "intent": [
            {
                "text": e.text,
                "gold": e.intent,
                "predicted": p.intent,
                "top_intent": p.top_intent,
                "confidence": round(p.confidence, 3),
            }
            for e, p in zip(examples, parsed, strict=True)
            if e.intent != p.intent
        ],
        "language": [
            {"text": e.text, "predicted": p.language, "confidence": p.language_confidence}
            for e, p in zip(examples, parsed, strict=True)
            if p.language != language or p.language_confidence == 0.0
        ],
        "language_in_conversation": [
            {"text": e.text, "predicted": c.language, "reply_language": c.reply_language}
            for e, c in zip(examples, in_conversation, strict=True)
            if c.language != language
        ],
        "entity": [
            {"text": e.text, "gold": e.entities, "predicted": p.entities}
            for e, p in zip(examples, parsed, strict=True)
            if any(sum(entity_matches(e.entities, p.entities, t)[1:]) for t in ENTITY_TYPES)
        ],
    }
    predictions = [
        {
            "text": e.text,
            "gold": e.intent,
            "predicted": p.intent,
            "top_intent": p.top_intent,
            "confidence": round(p.confidence, 4),
            "language": p.language,
            "language_confidence": p.language_confidence,
            "ranking": [[name, round(conf, 4)] for name, conf in p.ranking],
            "self_harm_check": p.self_harm_check,
        }
        for e, p in zip(examples, parsed, strict=True)
    ]
    return {
        "language": language,
        "figures": figures,
        "targets": target_status(figures),
        "intent": {**intents, "fallback": predicted.count(FALLBACK_INTENT)},
        "intent_without_fallback": {k: top[k] for k in ("accuracy", "macro_f1")},
        "language_id": languages,
        "entities": entities,
        "threat": threats,
        "self_harm_question": question,
        "errors": errors,
        "predictions": predictions,
    }


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def entity_cell(figures: Mapping[str, float]) -> str:
    """F1 and support; "–" when the set annotates no such entity and none was predicted."""
    if not figures["support"] and not figures["predicted"]:
        return "– (n=0)"
    return f"{pct(figures['f1'])} (n={figures['support']})"


def summary_markdown(reports: Sequence[Mapping[str, Any]], meta: Mapping[str, Any]) -> str:
    """The table people read; the JSON files hold the details and the errors."""
    languages = [r["language"] for r in reports]
    head = "| figure | target | " + " | ".join(languages) + " |"
    rule = "|---|---|" + "---|" * len(languages)
    lines = [
        f"# NLU evaluation on held-out messages: {meta.get('set', 'holdout')} set",
        "",
        f"Model: `{meta['model']}`"
        + (f" (trained in {meta['train_seconds']:.0f} s)" if meta.get("train_seconds") else ""),
        "Held-out: "
        + ", ".join(f"{r['language']} {r['intent']['n']}" for r in reports)
        + " messages",
        "",
        head,
        rule,
    ]
    for name, threshold in TARGETS.items():
        cells = [f"{pct(r['figures'][name])} {r['targets'][name]}" for r in reports]
        lines.append(f"| {TARGET_LABELS[name]} | ≥ {pct(threshold)} | " + " | ".join(cells) + " |")
    rows: list[tuple[str, Any]] = [
        ("intent macro F1", lambda r: pct(r["intent"]["macro_f1"])),
        ("intent acc. ignoring fallback", lambda r: pct(r["intent_without_fallback"]["accuracy"])),
        ("nlu_fallback answers", lambda r: str(r["intent"]["fallback"])),
        (
            "language ID, messages with evidence",
            lambda r: pct(r["language_id"]["accuracy_with_evidence"]),
        ),
        ("messages without language", lambda r: str(r["language_id"]["no_language"])),
        (
            "language ID in conversation",
            lambda r: pct(r["language_id"]["conversation_accuracy"]),
        ),
        (
            "threat type exact / with intent",
            lambda r: f"{pct(r['threat']['exact'])} / {pct(r['threat']['with_intent'])}",
        ),
    ]
    rows += [
        (
            "self_harm: safety answer or question",
            lambda r: pct(r["self_harm_question"]["reached"]),
        ),
        (
            "question asked on other messages",
            lambda r: (
                f"{pct(r['self_harm_question']['asked_others'])}"
                f" ({r['self_harm_question']['asked_others_n']})"
            ),
        ),
    ]
    rows += [
        (
            f"entity F1 {t}",
            lambda r, t=t: entity_cell(r["entities"][t]),
        )
        for t in ENTITY_TYPES
    ]
    for label, cell in rows:
        lines.append(f"| {label} | | " + " | ".join(cell(r) for r in reports) + " |")
    lines += [
        "",
        'Intent accuracy counts an nlu_fallback answer as wrong; the row "ignoring fallback"',
        "scores the classifier's best intent instead.",
        'Language ID counts every message, parsed alone: one without any language evidence ("ok",',
        "a town, a postcode) gets the component's fallback language nl. \"Language ID in",
        'conversation" parses the file as one conversation: the detector then also reads the',
        "reply language the bot holds (see parse_conversation in scripts/eval_nlu.py).",
        "Entities: threat / preferred_language on type + value, municipality / postcode on type +",
        "overlapping span; municipalities derived from a postcode (same span) are not scored.",
        '"self_harm: safety answer or question": self_harm messages that got the 113 answer or',
        "the direct question about ending one's life (bot/nlu/safety.py: needs_self_harm_check);",
        '"question asked on other messages": how often the question comes without self_harm.',
        "",
        "## Per-intent F1",
        "",
        "| intent | " + " | ".join(languages) + " |",
        "|---|" + "---|" * len(languages),
    ]
    intents = sorted({i for r in reports for i in r["intent"]["per_label"]})
    for intent in intents:
        cells = []
        for r in reports:
            v = r["intent"]["per_label"].get(intent)
            cells.append(
                "–" if v is None else f"{v['f1']:.2f} (P {v['precision']:.2f} R {v['recall']:.2f})"
            )
        lines.append(f"| {intent} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def conversations_markdown(name: str, reports: Mapping[str, Mapping[str, Any]]) -> str:
    """Table of the whole-conversation language figures of one set."""
    codes = list(reports)
    lines = [
        f"## Whole conversations: {name} set",
        "",
        "Turns: "
        + ", ".join(
            f"{c} {reports[c]['n']} in {reports[c]['conversations']} conversations" for c in codes
        ),
        "",
        "| figure | " + " | ".join(codes) + " |",
        "|---|" + "---|" * len(codes),
    ]
    for label, key in (
        ("language of the text alone", "message_accuracy"),
        ("language ID in conversation", "conversation_accuracy"),
        ("reply language after the turn", "reply_accuracy"),
    ):
        lines.append(f"| {label} | " + " | ".join(pct(reports[c][key]) for c in codes) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="reuse this model instead of training one")
    parser.add_argument("--config", type=Path, default=REPO / "config.yml")
    parser.add_argument("--domain", type=Path, default=REPO / "domain.yml")
    parser.add_argument("--data", type=Path, default=REPO / "data" / "nlu")
    parser.add_argument("--holdout", type=Path, default=REPO / "tests" / "nlu")
    parser.add_argument("--out", type=Path, default=REPO / "reports" / "nlu")
    parser.add_argument("--keep-model", type=Path, help="copy the trained model here")
    parser.add_argument("--cross-validation", action="store_true")
    parser.add_argument("--folds", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.basicConfig(level=logging.WARNING)
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # else every parse is logged at debug level
    sys.path.insert(0, str(REPO))  # the pipeline's custom components live in bot/

    held_out = held_out_sets(args.holdout)
    sets = {
        name: {
            code: load_holdout(args.holdout / pattern.format(code=code))
            for code in LANGUAGES
            if (args.holdout / pattern.format(code=code)).exists()
        }
        for name, pattern in held_out.items()
    }
    sets = {name: files for name, files in sets.items() if files}
    conversation_sets = {
        name: {
            code: load_conversations(path)
            for code in LANGUAGES
            if (
                path := args.holdout / Path(pattern).parent / CONVERSATION_FILE.format(code=code)
            ).exists()
        }
        for name, pattern in held_out.items()
    }
    conversation_sets = {name: files for name, files in conversation_sets.items() if files}
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="eval-nlu-") as tmp:
        train_seconds = None
        model = args.model
        if model is None:
            print(f"training an NLU model on {args.data} ...", flush=True)
            model, train_seconds = train_model(args.config, args.data, args.domain, Path(tmp))
            print(f"trained in {train_seconds:.0f} s", flush=True)
            if args.keep_model:
                args.keep_model.parent.mkdir(parents=True, exist_ok=True)
                args.keep_model.write_bytes(model.read_bytes())
        started = time.perf_counter()
        texts = {
            f"{name}/{code}": [e.text for e in examples]
            for name, files in sets.items()
            for code, examples in files.items()
        }
        turns = {
            f"{name}/conversations_{code}": file_turns
            for name, files in conversation_sets.items()
            for code, file_turns in files.items()
        }
        parsed, conversed = asyncio.run(parse_all(model, texts, turns))
        parse_seconds = time.perf_counter() - started

    meta = {
        "model": str(args.model or "trained from " + str(args.data)),
        "train_seconds": train_seconds,
        "parse_seconds": parse_seconds,
    }
    summaries = []
    for name in [n for n in held_out if n in sets or n in conversation_sets]:
        out = args.out / name
        out.mkdir(parents=True, exist_ok=True)
        reports = []
        for code, examples in sets.get(name, {}).items():
            key = f"{name}/{code}"
            report = evaluate_language(code, examples, parsed[key], conversed[key])
            (out / f"{code}.json").write_text(
                json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            reports.append(report)
        summary = summary_markdown(reports, {**meta, "set": name}) if reports else ""
        if name in conversation_sets:
            whole = {
                code: conversation_report(file_turns, conversed[f"{name}/conversations_{code}"])
                for code, file_turns in conversation_sets[name].items()
            }
            for code, report in whole.items():
                (out / f"conversations_{code}.json").write_text(
                    json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
            summary += "\n" + conversations_markdown(name, whole)
        (out / "summary.md").write_text(summary, encoding="utf-8")
        summaries.append(summary)
    (args.out / "summary.md").write_text("\n".join(summaries), encoding="utf-8")
    print("\n".join(summaries))
    print(
        f"parsed {sum(len(t) for t in texts.values())} messages alone and in conversation, "
        f"and {sum(len(t) for t in turns.values())} conversation turns, in {parse_seconds:.0f} s; "
        f"details and errors: {args.out}/<set>/<lang>.json"
    )

    if args.cross_validation:
        code = run_cross_validation(args.config, args.data, args.out / "cv", args.folds)
        if code:
            print(f"cross-validation exited with {code}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
