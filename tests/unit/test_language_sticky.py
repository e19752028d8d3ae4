"""The reply language is sticky: explicit choices win, clear messages switch, "ok" never."""

from __future__ import annotations

import pytest

from bot.language import LanguageIdentifier, choose_reply_language
from bot.language.sticky import normalise_language, requested_language, settled_language


def test_one_word_ok_keeps_turkish() -> None:
    assert choose_reply_language("tr", None, 0.0) == "tr"
    assert choose_reply_language("tr", "nl", 0.3) == "tr"


def test_long_clear_turkish_sentence_switches_from_dutch() -> None:
    assert choose_reply_language("nl", "tr", 0.97) == "tr"


@pytest.mark.parametrize("confidence", [0.0, 0.5, 0.99])
@pytest.mark.parametrize("detected", [None, "nl", "tr", "ar"])
def test_explicit_choice_always_wins(detected: str | None, confidence: float) -> None:
    assert choose_reply_language("nl", detected, confidence, explicit_choice="ar") == "ar"
    assert choose_reply_language("ar", detected, confidence, explicit_choice="TR") == "tr"
    assert choose_reply_language(None, detected, confidence, explicit_choice="turks") == "tr"


def test_unknown_explicit_choice_is_ignored() -> None:
    assert choose_reply_language("tr", "tr", 0.9, explicit_choice="fr") == "tr"


def test_default_is_dutch_when_nothing_is_known() -> None:
    assert choose_reply_language(None, None, 0.0) == "nl"
    assert choose_reply_language(None, "tr", 0.2) == "nl"


def test_first_message_decides_when_somewhat_clear() -> None:
    assert choose_reply_language(None, "tr", 0.7) == "tr"
    assert choose_reply_language(None, "ar", 0.6, initial_threshold=0.65) == "nl"


def test_threshold_is_configurable() -> None:
    assert choose_reply_language("nl", "ar", 0.75) == "nl"
    assert choose_reply_language("nl", "ar", 0.75, threshold=0.7) == "ar"


def test_normalise_language() -> None:
    assert normalise_language("tr-NL") == "tr"
    assert normalise_language("Arabisch") == "ar"
    assert normalise_language("en") is None
    assert normalise_language(None) is None


@pytest.mark.parametrize(
    ("current", "message", "expected"),
    [
        ("tr", "ok", "tr"),
        ("tr", "ja", "tr"),
        ("ar", "evet", "ar"),
        ("nl", "evet", "nl"),
        ("nl", "wakha", "nl"),
        ("ar", "3511 AB", "ar"),
        ("tr", "Rotterdam", "tr"),
        ("nl", "merhaba, kira borcum var ve ödeyemiyorum, ne yapabilirim", "tr"),
        ("tr", "ik heb een brief van de deurwaarder gekregen", "nl"),
        ("nl", "salam khoya, 3andi mochkil m3a lflous w ma 9dertch nkhales lkra", "ar"),
        ("nl", "عندي مشكل مع الكرا", "ar"),
        (None, "merhaba", "tr"),
        (None, "salam", "ar"),
        (None, "ok", "nl"),
    ],
)
def test_with_real_detections(current: str | None, message: str, expected: str) -> None:
    detection = LanguageIdentifier().detect(message)
    assert choose_reply_language(current, detection.language, detection.confidence) == expected


def test_requested_language_only_from_a_change_language_message() -> None:
    asked = {
        "intent": {"name": "change_language"},
        "entities": [{"entity": "municipality", "value": "GM0344"},
                     {"entity": "preferred_language", "value": "TR"}],
    }  # fmt: skip
    assert requested_language(asked) == "tr"
    person = {**asked, "intent": {"name": "request_human"}}  # "iemand die Turks spreekt"
    assert requested_language(person) is None
    unsupported = {"intent": {"name": "change_language"}, "entities": []}  # "in het Frans"
    assert requested_language(unsupported) is None
    assert requested_language({}) is None


def test_a_first_message_without_language_leaves_the_conversation_open() -> None:
    """ "slm" or a postcode first, then "merhaba": the second message opens Turkish."""
    assert settled_language(None, "nl", 0.0) is None
    assert settled_language(None, None, 0.0) is None
    assert settled_language(None, "tr", 0.3) is None
    assert settled_language(None, "tr", 0.7) == "tr"
    assert settled_language(None, "nl", 0.6) == "nl"
    assert settled_language(None, "nl", 0.0, explicit_choice="ar") == "ar"
    # Once open, it is as sticky as before.
    assert settled_language("nl", "tr", 0.7) == "nl"
    assert settled_language("tr", "nl", 0.0) == "tr"
