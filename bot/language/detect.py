"""Language identification for nl / tr / ar chat messages, including Darija in Latin letters.

Why a combination and not one detector: lingua alone calls "hallo" English and "salam"
Turkish and has never seen Arabizi ("3andi mochkil m3a lflous"); a character n-gram model
trained on our own NLU data knows our domain but not one-word messages; word lists know
greetings and function words but nothing else. Each source adds log-odds-like evidence per
language, a softmax turns that into a distribution, and the confidence is that probability
scaled down by how much evidence there was, so "ok" or a town name never comes out confident.

Pure Python at prediction time (no scikit-learn, no Rasa), so a message costs well under a
millisecond; scikit-learn is only used in ``fit``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from bot.language import lexicon

LANGUAGES = lexicon.LANGUAGES
FORMAT_VERSION = 1

# Tunables of the combination, in log-odds units per token unless said otherwise.
TURKISH_LETTER_EVIDENCE = 2.5
TURKISH_LEANING_EVIDENCE = 1.0
TURKISH_SUFFIX_EVIDENCE = 1.5
TURKISH_VERB_EVIDENCE = 2.5
DUTCH_LETTER_EVIDENCE = 1.0
DUTCH_IJ_EVIDENCE = 1.0
DUTCH_ORDINAL_EVIDENCE = 1.0
ARABIZI_INSIDE_EVIDENCE = 2.5
ARABIZI_INITIAL_EVIDENCE = 2.0
ARABIZI_FINAL_EVIDENCE = 1.0
DARIJA_NEGATION_EVIDENCE = 2.0
FRENCH_ELISION_EVIDENCE = 1.0
ARABIC_SCRIPT_EVIDENCE = 4.0
NGRAM_WEIGHT = 1.0
LINGUA_WEIGHT = 0.7
LINGUA_BELOW = 0.8
LINGUA_MARGIN = 4.0
"""Lingua is asked only about two or more words, and only when the cheaper signals leave the
best language below LINGUA_BELOW or the word lists and spelling alone lead by less than
LINGUA_MARGIN (so English, which our lists do not cover, gets a second opinion)."""
MARKER_KINDS = {"tr": ("letters", "suffix"), "ar": ("arabizi", "darija", "script")}
"""Spelling that only a Turkish or Darija writer produces (ş/ğ/ı, a Turkish verb ending, digits
inside a word such as "3afak", "ma ...ch" negation)."""
MARKER_WORDS = 2
"""Or this many strong word-list words of that language in one message."""
EVIDENCE_BASE = 0.3
"""Confidence ceiling is 1 - EVIDENCE_BASE ** evidence: one clear word 0.7, two 0.91."""
MAX_CONFIDENCE = 0.99
MAX_CHARS = 400
"""Longer messages are cut: the first 400 characters settle the language anyway."""

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Detection:
    """Best language (None when the text carries no language at all) and how sure we are.

    ``signals`` keeps each source's contribution ("lexicon:tr", "ngram:nl", "p:ar",
    "evidence", ...) so a surprising result can be explained from logs.
    """

    language: str | None
    confidence: float
    signals: dict[str, float] = field(default_factory=dict)


NEUTRAL, ARABIC, LATIN = "neutral", "arabic", "latin"


@dataclass(frozen=True)
class TokenInfo:
    """What one word says about the language; computed once per distinct word (cached)."""

    text: str
    """Lower-cased ("İ" -> "i"), Turkish letters kept."""
    kind: str
    """NEUTRAL (no evidence), ARABIC (Arabic script) or LATIN (everything else)."""
    evidence: tuple[tuple[str, str, float], ...] = ()
    """(signal, language, log-odds) triples from word lists, letters and spelling."""
    weight: float = 0.0
    """How much this word may raise the confidence ceiling (see ``EVIDENCE_BASE``)."""

    @cached_property
    def markers(self) -> frozenset[str]:
        """ "tr" / "ar" when this word shows that a Turkish or Darija speaker wrote the message.

        Spelling markers and strong word-list words ("evet", "yok", "machi") count in full; a
        word Dutch speakers borrow ("salam", "inshallah", see ``lexicon.BORROWED_WORDS``)
        counts half ("tr-word" / "ar-word"), so two of them are needed. Kept on the cached
        token, so each distinct word is looked at once, not on every message.
        """
        found: set[str] = set()
        for kind, lang, amount in self.evidence:
            if lang not in MARKER_KINDS:
                continue
            if kind in MARKER_KINDS[lang]:
                found.add(lang)
            elif kind == "lexicon" and amount >= lexicon.STRONG:
                borrowed = any(form in lexicon.BORROWED_WORDS for form in spellings(self.text))
                found.add(f"{lang}-word" if borrowed else lang)
        return frozenset(found)


def normalise(text: str) -> str:
    """NFC, no Arabic vowel marks or tatweel, no postcodes, cut to MAX_CHARS."""
    text = unicodedata.normalize("NFC", text[:MAX_CHARS])
    text = lexicon.ARABIC_MARKS.sub("", text)
    return lexicon.POSTCODE.sub(" ", text)


def tokens(text: str) -> list[TokenInfo]:
    """Word tokens with their evidence; apostrophes stay inside words ("gemeente'ye")."""
    return [analyse_token(word) for word in _TOKEN.findall(normalise(text))]


def ngram_text(text: str) -> str:
    """The part of a message the n-gram model sees: Latin-script, non-neutral words.

    The same function prepares training and prediction input, so they cannot drift apart.
    Arabic script is left out because the script alone decides it.
    """
    return " ".join(token.text for token in tokens(text) if token.kind == LATIN)


@lru_cache(maxsize=65_536)
def analyse_token(original: str) -> TokenInfo:
    """Word-list and spelling evidence of one token, as it was typed."""
    word = original.replace("İ", "i").lower().replace("\u0307", "")
    if _is_neutral_word(word) or lexicon.NUMBER.match(word):
        # NUMBER also matches Arabic-Indic digits: a number is no evidence in any script.
        return TokenInfo(word, NEUTRAL)
    if len(lexicon.ARABIC_SCRIPT.findall(original)) * 2 >= len(original):
        return TokenInfo(word, ARABIC, (("script", "ar", ARABIC_SCRIPT_EVIDENCE),), 1.6)
    stem = re.split(r"['’]", word, maxsplit=1)[0]
    if stem != word and stem in lexicon.NEUTRAL_WORDS:
        # "belastingdienst'e" is Turkish through its ending, "rotterdam's" is nothing.
        if not turkish_apostrophe_ending(word):
            return TokenInfo(word, NEUTRAL)
        return TokenInfo(word, LATIN, (("suffix", "tr", TURKISH_SUFFIX_EVIDENCE),), 0.6)

    if lexicon.place_with_turkish_ending(word):
        return TokenInfo(word, LATIN, (("suffix", "tr", TURKISH_SUFFIX_EVIDENCE),), 0.6)

    evidence = [("lexicon", lang, amount) for lang, amount in _word_evidence(word).items()]
    shared = len(evidence) > 1
    if any(c in lexicon.TURKISH_LETTERS for c in original):
        evidence.append(("letters", "tr", TURKISH_LETTER_EVIDENCE))
    elif any(c in lexicon.TURKISH_LEANING_LETTERS for c in word):
        evidence.append(("letters", "tr", TURKISH_LEANING_EVIDENCE))
    if any(c in lexicon.DUTCH_LETTERS for c in word):
        evidence.append(("letters", "nl", DUTCH_LETTER_EVIDENCE))
    if "ij" in word:
        evidence.append(("letters", "nl", DUTCH_IJ_EVIDENCE))
    turkish_verb = lexicon.TURKISH_VERB.search(word) or lexicon.TURKISH_VERB_FORMS.match(word)
    if turkish_verb and word not in lexicon.NOT_TURKISH_VERBS:
        evidence.append(("suffix", "tr", TURKISH_VERB_EVIDENCE))
    elif turkish_apostrophe_ending(word) or (
        # "20e" is also the Dutch ordinal ("op de 20e"): no Turkish marker then.
        lexicon.TURKISH_NUMBER_SUFFIX.match(word) and not lexicon.DUTCH_ORDINAL.match(word)
    ):
        evidence.append(("suffix", "tr", TURKISH_SUFFIX_EVIDENCE))
    if lexicon.DUTCH_ORDINAL.match(word):
        evidence.append(("ordinal", "nl", DUTCH_ORDINAL_EVIDENCE))
    elif lexicon.ARABIZI_INSIDE.match(word):
        evidence.append(("arabizi", "ar", ARABIZI_INSIDE_EVIDENCE))
    elif lexicon.ARABIZI_INITIAL.match(word) and not lexicon.TURKISH_NUMBER_SUFFIX.match(word):
        evidence.append(("arabizi", "ar", ARABIZI_INITIAL_EVIDENCE))
    elif lexicon.ARABIZI_FINAL.match(word):
        evidence.append(("arabizi", "ar", ARABIZI_FINAL_EVIDENCE))
    if lexicon.DARIJA_NEGATION.match(word) or lexicon.DARIJA_NEGATED_VERB.match(word):
        evidence.append(("darija", "ar", DARIJA_NEGATION_EVIDENCE))
    if lexicon.FRENCH_ELISION.match(word):
        evidence.append(("french", "ar", FRENCH_ELISION_EVIDENCE))

    strongest = max((amount for _, _, amount in evidence), default=0.0)
    if strongest >= lexicon.MEDIUM and not shared:
        weight = 1.0
    elif strongest > 0.0:
        weight = 0.6
    else:
        # An unknown word: only the n-gram model and lingua speak, so it counts by length.
        letters = sum(c.isalpha() for c in word)
        weight = 0.6 if letters >= 4 else 0.35 if letters >= 2 else 0.15
    return TokenInfo(word, LATIN, tuple(evidence), weight)


_REPEATS = re.compile(r"(.)\1{2,}")


def turkish_apostrophe_ending(word: str) -> bool:
    """Turkish writes case endings on names after an apostrophe ("Helmond'luyum")."""
    match = lexicon.APOSTROPHE_ENDING.match(word)
    return bool(match) and match.group(1) not in lexicon.NON_TURKISH_APOSTROPHE_ENDINGS


def spellings(word: str) -> tuple[str, ...]:
    """The word as typed, then without chat lengthening: "jaaaa" -> "jaa", "ja"."""
    if not _REPEATS.search(word):
        return (word,)
    return (word, _REPEATS.sub(r"\1\1", word), _REPEATS.sub(r"\1", word))


def _is_neutral_word(word: str) -> bool:
    if word in lexicon.place_words():
        return True
    return any(form in lexicon.NEUTRAL_WORDS for form in spellings(word))


def _word_evidence(word: str) -> dict[str, float]:
    """Word-list entry, also for chat lengthening: "jaaaa", "neeee", "hallooo", "evettt"."""
    for form in spellings(word):
        found = lexicon.WORD_EVIDENCE.get(form)
        if found is not None:
            return found
    return {}


def char_ngrams(text: str, low: int = 1, high: int = 4) -> list[str]:
    """Character n-grams inside space-padded words (like scikit-learn's "char_wb")."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, min(high, length) + 1):
            grams.extend(padded[i : i + n] for i in range(length - n + 1))
    return grams


class NgramModel:
    """Character n-grams per word + multinomial logistic regression, scored in pure Python.

    A message is the mean of its words' L2-normalised tf-idf n-gram vectors, so its score is
    the mean of per-word scores: each word is scored once and cached, which keeps prediction
    at a few microseconds per word. Averaging also makes a Turkish sentence with one Dutch
    noun a vote of its words rather than a tie. Trained with scikit-learn, then exported to
    n-gram -> (idf, weight per class), which is what makes the model a plain JSON file.
    """

    CACHE_SIZE = 50_000

    def __init__(
        self,
        classes: Sequence[str],
        intercepts: Sequence[float],
        features: dict[str, Sequence[float]],
    ) -> None:
        self.classes = tuple(classes)
        self.intercepts = tuple(intercepts)
        self.features = {gram: tuple(values) for gram, values in features.items()}
        self._word_scores: dict[str, tuple[float, ...] | None] = {}

    @staticmethod
    def design_matrix(texts: Sequence[str], vectorizer: Any) -> Any:
        """Rows are the mean of the texts' per-word vectors (what ``log_proba`` computes)."""
        from scipy.sparse import csr_matrix

        words = sorted({word for text in texts for word in text.split()})
        index = {word: i for i, word in enumerate(words)}
        rows, columns, values = [], [], []
        for row, text in enumerate(texts):
            tokens = text.split()
            for word in tokens:
                rows.append(row)
                columns.append(index[word])
                values.append(1.0 / len(tokens))
        mean = csr_matrix((values, (rows, columns)), shape=(len(texts), len(words)))
        return mean @ vectorizer.transform(words)

    @classmethod
    def fit(
        cls, texts: Sequence[str], labels: Sequence[str], regularisation: float = 3.0
    ) -> NgramModel:
        """Fit on already prepared, non-empty texts (see ``ngram_text``); needs two labels."""
        return cls.from_sklearn(*cls.fit_sklearn(texts, labels, regularisation))

    @classmethod
    def fit_sklearn(
        cls, texts: Sequence[str], labels: Sequence[str], regularisation: float = 3.0
    ) -> tuple[Any, Any]:
        """The fitted scikit-learn vectorizer and classifier that ``from_sklearn`` exports."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, lowercase=False)
        vectorizer.fit(sorted({word for text in texts for word in text.split()}))
        classifier = LogisticRegression(
            C=regularisation, class_weight="balanced", max_iter=2000, random_state=42
        )
        classifier.fit(cls.design_matrix(texts, vectorizer), labels)
        return vectorizer, classifier

    @classmethod
    def from_sklearn(cls, vectorizer: Any, classifier: Any) -> NgramModel:
        classes = [str(c) for c in classifier.classes_]
        coef = classifier.coef_
        intercept = classifier.intercept_
        if len(classes) == 2:
            # Binary LR keeps one row; softmax over (-d/2, d/2) equals its sigmoid.
            coef = [-coef[0] / 2, coef[0] / 2]
            intercept = [-intercept[0] / 2, intercept[0] / 2]
        features = {}
        for gram, column in vectorizer.vocabulary_.items():
            weights = [float(row[column]) for row in coef]
            features[gram] = (float(vectorizer.idf_[column]), *weights)
        return cls(classes, [float(v) for v in intercept], features)

    def clear_cache(self) -> None:
        self._word_scores.clear()

    def _word_score(self, word: str) -> tuple[float, ...] | None:
        """Per-class score of one word's normalised tf-idf vector; None if no n-gram known."""
        if word in self._word_scores:
            return self._word_scores[word]
        n_classes = len(self.classes)
        scores = [0.0] * n_classes
        norm = 0.0
        for gram, count in Counter(char_ngrams(word)).items():
            values = self.features.get(gram)
            if values is None:
                continue
            weight = (1.0 + math.log(count)) * values[0]
            norm += weight * weight
            for index in range(n_classes):
                scores[index] += weight * values[index + 1]
        result = tuple(s / math.sqrt(norm) for s in scores) if norm else None
        if len(self._word_scores) >= self.CACHE_SIZE:
            self._word_scores.clear()
        self._word_scores[word] = result
        return result

    def log_proba(self, text: str) -> dict[str, float]:
        """Log-probability per class of already prepared text; empty dict without n-grams."""
        words = text.split()
        if not words:
            return {}
        totals = [0.0] * len(self.classes)
        known = False
        for word in words:
            scores = self._word_score(word)
            if scores is None:
                continue
            known = True
            for index, score in enumerate(scores):
                totals[index] += score
        if not known:
            return {}
        logits = [t / len(words) + b for t, b in zip(totals, self.intercepts, strict=True)]
        top = max(logits)
        log_total = top + math.log(sum(math.exp(v - top) for v in logits))
        return {c: v - log_total for c, v in zip(self.classes, logits, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "intercepts": list(self.intercepts),
            # Unrounded: JSON floats round-trip exactly, so a loaded model predicts the same.
            "features": {gram: list(values) for gram, values in self.features.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NgramModel:
        return cls(data["classes"], data["intercepts"], data["features"])


@lru_cache(maxsize=2)
def lingua_detector(high_accuracy: bool = False) -> Any | None:
    """Build lingua once per process, restricted to our languages plus likely confusions.

    English, German and French are included so that English text is not forced onto nl.
    Low-accuracy mode loads in ~60 ms and ~15 MB (high accuracy: ~1.2 s, ~250 MB).
    Returns None when lingua is not installed: the other signals still work.
    """
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a pinned dependency
        return None
    languages = [
        Language.DUTCH,
        Language.TURKISH,
        Language.ARABIC,
        Language.ENGLISH,
        Language.GERMAN,
        Language.FRENCH,
    ]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.with_preloaded_language_models().build()


_LINGUA_CODES = {"DUTCH": "nl", "TURKISH": "tr", "ARABIC": "ar", "ENGLISH": "en"}


class LanguageIdentifier:
    """Detects nl / tr / ar; works untrained (word lists, letters, lingua) and better trained."""

    def __init__(
        self,
        ngram: NgramModel | None = None,
        *,
        use_lingua: bool = True,
        lingua_high_accuracy: bool = False,
    ) -> None:
        self.ngram = ngram
        self.use_lingua = use_lingua
        self.lingua_high_accuracy = lingua_high_accuracy
        self._lingua = lingua_detector(lingua_high_accuracy) if use_lingua else None
        lexicon.place_words()  # load now, not on the first user message
        if self._lingua is not None:
            self._lingua.compute_language_confidence_values("warm up")

    @property
    def trained(self) -> bool:
        return self.ngram is not None

    def clear_caches(self) -> None:
        """Forget per-word results, e.g. to measure the cost of never-seen messages."""
        analyse_token.cache_clear()
        if self.ngram is not None:
            self.ngram.clear_cache()

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> LanguageIdentifier:
        """Train the n-gram model; pairs with a label outside nl/tr/ar are ignored."""
        pairs = [
            (prepared, label)
            for text, label in zip(texts, labels, strict=True)
            if label in LANGUAGES and (prepared := ngram_text(text))
        ]
        if len({label for _, label in pairs}) < 2:
            self.ngram = None
            return self
        prepared_texts, prepared_labels = zip(*pairs, strict=True)
        self.ngram = NgramModel.fit(prepared_texts, prepared_labels)
        return self

    def detect(self, text: str) -> Detection:
        """Best language and a confidence that is low for short or language-neutral text."""
        if not text or text.lstrip().startswith("/"):
            # Empty, or a button payload such as "/affirm": no language in it.
            return Detection(None, 0.0, {})
        scores = dict.fromkeys(LANGUAGES, 0.0)
        signals: dict[str, float] = {}

        def add(kind: str, language: str, amount: float) -> None:
            scores[language] += amount
            key = f"{kind}:{language}"
            signals[key] = signals.get(key, 0.0) + amount

        evidence = 0.0
        informative: list[str] = []
        arabic_tokens = 0
        markers: Counter[str] = Counter()
        for token in tokens(text):
            if token.kind == NEUTRAL:
                continue
            markers.update(token.markers)
            if token.kind == ARABIC:
                arabic_tokens += 1
            else:
                informative.append(token.text)
            evidence += token.weight
            for kind, language, amount in token.evidence:
                add(kind, language, amount)
        if not evidence:
            return Detection(None, 0.0, {"evidence": 0.0})

        lexical = dict(scores)
        if informative and self.ngram is not None:
            log_proba = self.ngram.log_proba(" ".join(informative))
            if log_proba:
                # A class the model never saw gets the uniform share, not minus infinity.
                floor = math.log(1.0 / len(log_proba))
                for language in LANGUAGES:
                    add("ngram", language, NGRAM_WEIGHT * log_proba.get(language, floor))

        probabilities = _softmax(scores)
        english = 0.0
        if self._lingua is not None and not arabic_tokens and len(informative) >= 2:
            ranked = sorted(lexical.values(), reverse=True)
            inconclusive = (
                max(probabilities.values()) < LINGUA_BELOW or ranked[0] - ranked[1] < LINGUA_MARGIN
            )
        else:
            inconclusive = False
        if inconclusive:
            english = self._add_lingua(" ".join(informative), add)
            probabilities = _softmax(scores)

        language = max(probabilities, key=probabilities.__getitem__)
        if language == "nl":
            language = _heritage_language(markers) or language
        ceiling = min(MAX_CONFIDENCE, 1.0 - EVIDENCE_BASE**evidence)
        confidence = probabilities[language] * ceiling * (1.0 - 0.5 * english)
        signals["evidence"] = evidence
        for code, probability in probabilities.items():
            signals[f"p:{code}"] = probability
        return Detection(language, round(confidence, 4), signals)

    def _add_lingua(self, text: str, add: Any) -> float:
        """Adds lingua's opinion on nl versus tr; returns the share it gives to English.

        Lingua is only asked about Latin-script text, and its Arabic model knows Arabic
        script only, so Darija in Latin letters always looks Turkish or French to it. It
        therefore gets no say about "ar": ar receives the better of the nl/tr values.
        """
        values = self._lingua.compute_language_confidence_values(text)
        by_code = {_LINGUA_CODES.get(v.language.name): v.value for v in values}
        if sum(by_code.get(code, 0.0) for code in ("nl", "tr", "en")) <= 0.0:
            return 0.0
        nl = LINGUA_WEIGHT * math.log(by_code.get("nl", 0.0) + 0.05)
        tr = LINGUA_WEIGHT * math.log(by_code.get("tr", 0.0) + 0.05)
        add("lingua", "nl", nl)
        add("lingua", "tr", tr)
        add("lingua", "ar", max(nl, tr))
        return by_code.get("en", 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "ngram": self.ngram.to_dict() if self.ngram is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], **options: Any) -> LanguageIdentifier:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported language model format {data.get('format')!r}")
        ngram = NgramModel.from_dict(data["ngram"]) if data.get("ngram") else None
        return cls(ngram, **options)

    def save(self, path: Path) -> None:
        """JSON, not pickle: loading a model file must not be able to run code."""
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, **options: Any) -> LanguageIdentifier:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")), **options)


def _heritage_language(markers: Counter[str]) -> str | None:
    """Turkish or Arabic for a message that reads as Dutch but was written by a Turkish or
    Darija speaker ("3afak bel liya, ik wil iemand spreken", "ma bghitch nkml had vragen").

    Dutch is everyone's shared language here, so mixed messages lean Dutch on word counts;
    the reply should still go in the language the resident came with, or they pick another.
    """
    candidates = [
        language
        for language in MARKER_KINDS
        if markers[language] or markers[f"{language}-word"] >= MARKER_WORDS
    ]
    return candidates[0] if len(candidates) == 1 else None


def _softmax(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values())
    exps = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}
