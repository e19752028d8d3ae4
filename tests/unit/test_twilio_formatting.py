"""Numbered options, splitting, opt-out keywords and the channel's own texts."""

from __future__ import annotations

import re

import pytest

from connectors.twilio.formatting import (
    MAX_BODY,
    match_option,
    numbered_options,
    offered,
    split_message,
    units,
)
from connectors.twilio.keywords import keyword
from connectors.twilio.messages import MESSAGES_FILE, _messages, message, reply_language

BUTTONS = offered(
    [
        {"title": "Ja", "payload": "/affirm"},
        {"title": "Nee", "payload": "/deny"},
        {"title": "Türkçe", "payload": '/change_language{"preferred_language":"tr"}'},
    ]
)


def test_buttons_are_listed_under_the_text() -> None:
    assert numbered_options("Klopt dit?", BUTTONS[:2]) == "Klopt dit?\n\n1. Ja\n2. Nee"


def test_latin_titles_are_isolated_in_arabic_text() -> None:
    text = numbered_options("بأي لغة نتكلم؟", [{"title": "Nederlands"}, {"title": "العربية"}])

    assert text.endswith("1. \u2068Nederlands\u2069\n2. العربية")


@pytest.mark.parametrize(
    ("reply", "payload"),
    [
        ("1", "/affirm"),
        (" 2 ", "/deny"),
        ("2.", "/deny"),
        ("3)", '/change_language{"preferred_language":"tr"}'),
        ("١", "/affirm"),  # Arabic-Indic digit one
        ("JA", "/affirm"),
        ("  nee ", "/deny"),
        ("türkçe", '/change_language{"preferred_language":"tr"}'),
        ("\u2068Nee\u2069", "/deny"),
    ],
)
def test_a_reply_by_number_or_text_gives_the_payload(reply: str, payload: str) -> None:
    assert match_option(reply, BUTTONS) == payload


@pytest.mark.parametrize("reply", ["0", "4", "12", "ja graag", "", "1 2"])
def test_other_replies_match_nothing(reply: str) -> None:
    assert match_option(reply, BUTTONS) is None
    assert match_option("1", []) is None


def test_a_short_text_is_one_part_unchanged() -> None:
    text = "Eerste regel.\n\nTweede alinea."
    assert split_message(f"  {text} ") == [text]
    assert split_message("   ") == []


def test_long_text_is_cut_between_sentences() -> None:
    sentences = [f"Zin nummer {i} gaat over huur, energie en zorgverzekering." for i in range(80)]
    text = " ".join(sentences)

    parts = split_message(text)

    assert len(parts) > 1
    assert all(units(part) <= MAX_BODY for part in parts)
    assert all(part.endswith(".") and part.startswith("Zin") for part in parts)
    assert " ".join(parts) == text


def test_numbers_and_links_are_no_sentence_ends() -> None:
    text = "Kijk op geldfit.nl voor 3.5 tips. Bel 0800-8115! Klaar?"

    assert split_message(text, limit=40) == [
        "Kijk op geldfit.nl voor 3.5 tips.",
        "Bel 0800-8115! Klaar?",
    ]


def test_paragraph_breaks_are_kept_inside_a_part() -> None:
    assert split_message("Een.\n\nTwee.\n\nDrie vier vijf zes.", limit=12) == [
        "Een.\n\nTwee.",
        "Drie vier",
        "vijf zes.",
    ]


def test_a_too_long_sentence_is_cut_at_whitespace_never_inside_a_word() -> None:
    words = [f"woord{i}" for i in range(600)]
    text = " ".join(words) + "."

    parts = split_message(text)

    assert len(parts) > 1
    assert all(units(part) <= MAX_BODY for part in parts)
    assert " ".join(parts).split() == text.split()


def test_only_a_giant_word_is_cut_hard() -> None:
    link = "https://example.nl/" + "x" * 3500
    parts = split_message(f"Zie {link} daar.")

    assert all(units(part) <= MAX_BODY for part in parts)
    assert "".join(parts).replace(" ", "") == f"Zie{link}daar."


def test_emoji_count_double_so_parts_stay_under_twilios_limit() -> None:
    text = "🙂 " * 1000

    parts = split_message(text)

    assert all(units(part) <= MAX_BODY for part in parts)
    assert sum(part.count("🙂") for part in parts) == 1000


def test_arabic_question_marks_end_sentences() -> None:
    text = "هل عندك ديون؟ " * 200

    parts = split_message(text)

    assert len(parts) > 1
    assert all(part.endswith("؟") for part in parts)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("STOP", "stop"),
        (" stop ", "stop"),
        ("Stop.", "stop"),
        ("stopall", "stop"),
        ("UNSUBSCRIBE", "stop"),
        ("cancel", "stop"),
        ("End", "stop"),
        ("quit", "stop"),
        ("START", "start"),
        ("yes", "start"),
        ("unstop", "start"),
        ("stop de deurwaarder", None),
        ("ik wil stoppen", None),
        ("please stop now", None),
        ("", None),
        (None, None),
    ],
)
def test_only_a_whole_message_keyword_counts(body: str | None, expected: str | None) -> None:
    assert keyword(body) == expected


def test_every_channel_text_exists_in_three_languages() -> None:
    texts = _messages()
    assert set(texts) == {"media_not_supported", "opted_out", "opted_in"}
    for key, by_language in texts.items():
        assert set(by_language) == {"nl", "tr", "ar"}, key
        assert all(text.strip() for text in by_language.values()), key


def test_latin_words_in_arabic_texts_are_isolated() -> None:
    for key, by_language in _messages().items():
        arabic = by_language["ar"]
        for run in re.finditer(r"[A-Za-z][A-Za-z0-9 ]*", arabic):
            start, end = run.span()
            assert arabic[start - 1] == "\u2068" and arabic[end] == "\u2069", (key, run.group())
        assert arabic.count("\u2068") == arabic.count("\u2069")


def test_unknown_language_falls_back_to_dutch() -> None:
    assert message("opted_out", None) == message("opted_out", "nl")
    assert message("opted_out", "en") == message("opted_out", "nl")
    assert MESSAGES_FILE.exists()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Goed, we praten Nederlands. Waar kan ik je mee helpen?", "nl"),
        ("Tamam, Türkçe konuşalım. Size nasıl yardım edebilirim?", "tr"),
        ("حسنا، نتكلم بالعربية. كيف أستطيع مساعدتك؟", "ar"),
        ("ok", None),
    ],
)
def test_the_language_of_a_bot_reply_is_recognised(text: str, language: str | None) -> None:
    assert reply_language(text) == language
