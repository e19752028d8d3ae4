"""Find threats (eviction, energy or water cut-off, end of health insurance) in free text.

Why rules over words and not a phrase list: people write the same threat in many shapes
("mijn stroom wordt afgesloten", "ze sluiten de stroom af", "elektriğimi kesecekler", "ghadi
y9t3o 3liya do"), with agglutinated Turkish and glued Arabic prefixes. A rule here says which
groups of word patterns must occur together in one sentence, within a few words; the words
live in data/nlu/lexicons/threats.yml (syntax explained at the top of that file).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.nlu.matching.lexicons import LEXICON_DIR, LexiconError, load_yaml
from bot.nlu.matching.text import LANGUAGES, WORD_PIECE, Unit, analyse, fold

THREATS_FILE = LEXICON_DIR / "threats.yml"
THREATS = ("eviction", "energy_cutoff", "water_cutoff", "insurance_termination")

_EXACT, _PREFIX, _SUFFIX, _CONTAINS = range(4)
_REFERENCE = re.compile(r"@(\w+)")
_WORD_CACHE_LIMIT = 50_000

Term = tuple[int, ...]
"""Pattern ids of adjacent words."""
Group = tuple[Term, ...]
"""Alternative terms; any one suffices."""
_Positions = dict[int, list[int]]
"""Pattern id -> indices of the message's words that match it."""


@dataclass(frozen=True)
class ThreatMatch:
    """A threat found in the text: its type and the character span of the words that said it."""

    threat: str
    start: int
    end: int


@dataclass(frozen=True)
class Rule:
    """All ``groups`` within ``window`` words of one sentence, and no ``unless`` there."""

    threat: str
    groups: tuple[Group, ...]
    unless: Group
    window: int
    source: str
    """Where the rule was written ("threats.yml: nl.energy_cutoff[2]"), for debugging."""
    across_sentences: bool = False
    """The whole message counts as one sentence: a farewell is often split in two ("laatste
    bericht van mij. zeg mijn dochter dat het me spijt"); ``unless`` then blocks the message."""


class _Patterns:
    """Word patterns by id, indexed so one word finds all its patterns in a few lookups."""

    def __init__(self) -> None:
        self.ids: dict[tuple[int, str], int] = {}
        self.exact: dict[str, set[int]] = {}
        self.prefix: dict[str, set[int]] = {}
        self.suffix: dict[str, set[int]] = {}
        self.contains: dict[str, set[int]] = {}

    def add(self, pattern: str, where: str) -> int:
        """Id of ``pattern`` ("word", "word*", "*word", "*word*"), registered on first use."""
        starts, ends = pattern.startswith("*"), pattern.endswith("*") and len(pattern) > 1
        raw = pattern.strip("*")
        core = fold(raw)
        if not core or not WORD_PIECE.fullmatch(raw):
            # Messages are split at apostrophes and hyphens, so "l'assurance" never occurs.
            raise LexiconError(
                f"{where}: bad word pattern {pattern!r} (one word of letters or digits, "
                "optionally with * at either end)"
            )
        kind = _CONTAINS if starts and ends else _SUFFIX if starts else _PREFIX if ends else _EXACT
        key = (kind, core)
        if key not in self.ids:
            self.ids[key] = len(self.ids)
            table = (self.exact, self.prefix, self.suffix, self.contains)[kind]
            table.setdefault(core, set()).add(self.ids[key])
        return self.ids[key]

    def of(self, word: str) -> frozenset[int]:
        """Ids of every pattern that ``word`` (folded) matches."""
        found: set[int] = set(self.exact.get(word, ()))
        for size in range(1, len(word) + 1):
            found.update(self.prefix.get(word[:size], ()))
            found.update(self.suffix.get(word[-size:], ()))
        for part, ids in self.contains.items():
            if part in word:
                found.update(ids)
        return frozenset(found)


class ThreatMatcher:
    """Applies compiled threat rules to analysed text; build once, reuse for every message."""

    def __init__(
        self, rules: Iterable[Rule], patterns: _Patterns, labels: tuple[str, ...] = THREATS
    ) -> None:
        self.rules = tuple(rules)
        self.labels = labels
        self._patterns = patterns
        self._word_cache: dict[str, frozenset[int]] = {}
        # Most messages mention no threat at all: index each rule under the ids of its first
        # group, so a message only looks at rules one of whose words it contains.
        self._group_ids = [
            tuple(frozenset(i for term in group for i in term) for group in rule.groups)
            for rule in self.rules
        ]
        self._rules_by_id: dict[int, list[int]] = {}
        for index, groups in enumerate(self._group_ids):
            for pattern_id in groups[0]:
                self._rules_by_id.setdefault(pattern_id, []).append(index)

    @classmethod
    def from_file(
        cls, path: Path = THREATS_FILE, labels: tuple[str, ...] = THREATS
    ) -> ThreatMatcher:
        """Compile the lexicon file; errors name the file, section and entry.

        ``labels`` are the names a rule section may have: the four threats here, ``self_harm``
        for the safety lexicon (bot.nlu.matching.risk), which uses the same rule syntax.
        """
        rules, patterns = _compile(load_yaml(path), Path(path).name, labels)
        return cls(rules, patterns, labels)

    def find(self, units: list[Unit]) -> list[ThreatMatch]:
        """Threats in text order; overlapping finds of the same threat are merged."""
        if not units:
            return []
        positions: dict[int, list[int]] = {}
        for index, unit in enumerate(units):
            for pattern_id in self._ids(unit.text):
                positions.setdefault(pattern_id, []).append(index)
        present = positions.keys()
        candidates = {i for pattern_id in present for i in self._rules_by_id.get(pattern_id, ())}
        spans: list[tuple[str, int, int]] = []
        for index in sorted(candidates):
            if any(present.isdisjoint(group) for group in self._group_ids[index][1:]):
                continue
            rule = self.rules[index]
            spans.extend((rule.threat, s, e) for s, e in _apply(rule, units, positions))
        return _merge(spans, units, self.labels)

    def _ids(self, word: str) -> frozenset[int]:
        cached = self._word_cache.get(word)
        if cached is None:
            if len(self._word_cache) >= _WORD_CACHE_LIMIT:
                self._word_cache.clear()
            cached = self._word_cache[word] = self._patterns.of(word)
        return cached


def _occurrences(group: Group, units: list[Unit], positions: _Positions) -> list[range]:
    """Unit ranges where one of the group's terms occurs (words adjacent, same sentence)."""
    found: list[range] = []
    for term in group:
        first, rest = term[0], term[1:]
        for start in positions.get(first, ()):
            stop = start + len(term)
            if stop > len(units) or units[start].sentence != units[stop - 1].sentence:
                continue
            if all(
                start + k in positions.get(pattern_id, ()) for k, pattern_id in enumerate(rest, 1)
            ):
                found.append(range(start, stop))
    return found


def _apply(rule: Rule, units: list[Unit], positions: _Positions) -> list[tuple[int, int]]:
    """(first, last + 1) unit spans where the rule fires."""
    per_group = [_occurrences(group, units, positions) for group in rule.groups]
    if any(not occurrences for occurrences in per_group):
        return []

    def sentence_of(occurrence: range) -> int:
        return 0 if rule.across_sentences else units[occurrence.start].sentence

    blocked = {sentence_of(o) for o in _occurrences(rule.unless, units, positions)}
    spans: list[tuple[int, int]] = []
    for anchor in per_group[0]:
        sentence = sentence_of(anchor)
        if sentence in blocked:
            continue
        start, end = anchor.start, anchor.stop
        for occurrences in per_group[1:]:
            same = [o for o in occurrences if sentence_of(o) == sentence]
            if not same:
                break
            nearest = min(same, key=lambda o: max(o.stop, end) - min(o.start, start))
            start, end = min(start, nearest.start), max(end, nearest.stop)
        else:
            # A phrase alone ("zie het echt niet meer zitten") is as long as it is: the window
            # limits how far apart the parts of a rule may be, not one phrase's own length.
            if len(rule.groups) == 1 or end - start <= rule.window:
                spans.append((start, end))
    return spans


def _merge(
    spans: list[tuple[str, int, int]], units: list[Unit], labels: tuple[str, ...] = THREATS
) -> list[ThreatMatch]:
    """One match per threat and overlapping stretch of words, as character spans."""
    merged: list[list[Any]] = []
    for threat, start, end in sorted(spans):
        last = merged[-1] if merged else None
        if last is not None and last[0] == threat and start < last[2]:
            last[2] = max(last[2], end)
        else:
            merged.append([threat, start, end])
    matches = [ThreatMatch(t, units[s].start, units[e - 1].end) for t, s, e in merged]
    return sorted(matches, key=lambda m: (m.start, m.end, labels.index(m.threat)))


def _compile(
    data: dict[str, Any], name: str, labels: tuple[str, ...] = THREATS
) -> tuple[list[Rule], _Patterns]:
    """Turn the YAML structure into rules over pattern ids."""
    default_window = data.get("window", 8)
    groups = data.get("groups") or {}
    if not isinstance(groups, dict):
        raise LexiconError(f"{name}: groups: expected a mapping of name -> alternatives")
    # Only the threat lexicon has topics (see _compile_topics); elsewhere the key is a mistake.
    allowed = {"window", "groups", *LANGUAGES, *(["topics"] if labels == THREATS else [])}
    unknown = set(data) - allowed
    if unknown:
        raise LexiconError(f"{name}: unknown top-level keys {sorted(unknown)}")
    patterns = _Patterns()
    rules: list[Rule] = []
    for language in LANGUAGES:
        for threat, entries in (data.get(language) or {}).items():
            if threat not in labels:
                raise LexiconError(f"{name}: {language}: unknown section {threat!r}")
            for index, entry in enumerate(entries or []):
                where = f"{name}: {language}.{threat}[{index}]"
                rules.append(_rule(threat, entry, where, groups, patterns, default_window))
    return rules, patterns


def _rule(
    threat: str,
    entry: Any,
    where: str,
    named: dict[str, str],
    patterns: _Patterns,
    default_window: int,
) -> Rule:
    if isinstance(entry, str):
        entry = {"all": [entry]}
    if (
        not isinstance(entry, dict)
        or not entry.get("all")
        or set(entry) - {"all", "unless", "window", "across_sentences"}
    ):
        raise LexiconError(
            f"{where}: expected a string or a mapping with all/unless/window/across_sentences"
        )
    window = entry.get("window", default_window)
    if not isinstance(window, int) or window < 1:
        raise LexiconError(f"{where}: window must be a positive number of words")
    parts = entry["all"] if isinstance(entry["all"], list) else [entry["all"]]
    groups = tuple(_group(str(part), where, named, patterns) for part in parts)
    unless = _group(entry["unless"], where, named, patterns) if entry.get("unless") else ()
    across = entry.get("across_sentences", False)
    if not isinstance(across, bool):
        raise LexiconError(f"{where}: across_sentences must be true or false")
    return Rule(threat, groups, unless, window, where, across)


def _group(text: str, where: str, named: dict[str, str], patterns: _Patterns) -> Group:
    """Parse "a | b c | @name" into terms of pattern ids."""
    expanded = _expand(text, where, named, ())
    terms = []
    for alternative in expanded.split("|"):
        words = [piece for word in alternative.split() for piece in _as_message_words(word)]
        if not words:
            raise LexiconError(f"{where}: empty alternative in {text!r}")
        terms.append(tuple(patterns.add(word, where) for word in words))
    return tuple(terms)


@functools.lru_cache(maxsize=16_384)
def _as_message_words(word: str) -> tuple[str, ...]:
    """``word`` split where the tokeniser splits a message: "far9t" as "far9" + "t".

    Why: spaCy cuts unit-like endings off a digit ("9t", "7ha", "3m"), and Darija in Latin
    letters is full of such words ("rje3t", "ra9m", "rou7ha"). Written whole in a lexicon,
    they could never match a message; as adjacent words they do. A "*" stays at its end.
    """
    starts, ends = word.startswith("*"), word.endswith("*") and len(word) > 1
    raw = word.strip("*")
    pieces = [unit.original for unit in analyse(raw, "nl")]
    if len(pieces) < 2 or "".join(pieces) != raw:
        # One word, or something the pattern check in _Patterns.add should refuse as it is
        return (word,)
    pieces[0] = "*" * starts + pieces[0]
    pieces[-1] = pieces[-1] + "*" * ends
    return tuple(pieces)


def _expand(text: str, where: str, named: dict[str, str], seen: tuple[str, ...]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in named:
            raise LexiconError(f"{where}: unknown group @{name}")
        if name in seen:
            raise LexiconError(f"{where}: group @{name} refers to itself")
        return _expand(str(named[name]), where, named, (*seen, name))

    return _REFERENCE.sub(replace, text)


def _compile_topics(data: dict[str, Any], name: str) -> tuple[list[Rule], _Patterns]:
    """One single-group rule per threat from the ``topics`` section: what is at stake."""
    topics = data.get("topics") or {}
    if (
        not isinstance(topics, dict)
        or set(topics) - set(THREATS)
        or not all(isinstance(words, str) and words.strip() for words in topics.values())
    ):
        raise LexiconError(f"{name}: topics: expected a mapping of threat type -> words")
    groups = data.get("groups") or {}
    patterns = _Patterns()
    # One group each, so the window (here 1) never applies: see _apply.
    rules = [
        Rule(
            threat,
            (_group(words, f"{name}: topics.{threat}", groups, patterns),),
            (),
            1,
            f"{name}: topics.{threat}",
        )
        for threat, words in topics.items()
    ]
    return rules, patterns


@functools.lru_cache(maxsize=1)
def default_threat_matcher() -> ThreatMatcher:
    """The matcher over the shipped data/nlu/lexicons/threats.yml, built once per process."""
    return ThreatMatcher.from_file()


@functools.lru_cache(maxsize=1)
def default_topic_matcher() -> ThreatMatcher:
    """Finds what a message says is at stake (home, energy, water, insurance), without the
    threatening verb: the ``topics`` of threats.yml. Used only once a message is known to be
    urgent (bot.nlu.threat_classifier), never to decide that it is."""
    rules, patterns = _compile_topics(load_yaml(THREATS_FILE), THREATS_FILE.name)
    return ThreatMatcher(rules, patterns)
