"""A typed wish for another language becomes a preferred_language entity."""

from __future__ import annotations

import pytest

from bot.nlu.matching import PREFERRED_LANGUAGE, extract_entities


def asked_for(text: str, lang: str) -> list[str]:
    return [e.value for e in extract_entities(text, lang) if e.entity == PREFERRED_LANGUAGE]


@pytest.mark.parametrize(
    ("lang", "text", "wanted"),
    [
        ("nl", "kan het in het Turks?", "tr"),
        ("nl", "liever arabisch graag", "ar"),
        ("nl", "gewoon nederlands aub", "nl"),
        ("tr", "türkçe konuşalım", "tr"),
        ("tr", "hollandaca'ya geçelim", "nl"),
        ("tr", "arapca olsun", "ar"),
        ("ar", "بالعربية عافاك", "ar"),
        ("ar", "التركية من فضلك", "tr"),
        ("ar", "بغيت بالهولندية", "nl"),
        ("ar", "bghit b darija", "ar"),
        ("ar", "3tini b lholandia", "nl"),
        ("ar", "t9der thder b turkia?", "tr"),
        ("ar", "wach kayn b torki", "tr"),
        ("ar", "bghit b lholandiya 3afak", "nl"),
        ("ar", "fina nkammel bil turke?", "tr"),
        ("ar", "bade e7ke bil 3arabi", "ar"),
    ],
)
def test_the_language_named_is_found(lang: str, text: str, wanted: str) -> None:
    assert asked_for(text, lang) == [wanted]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "ik woon al twintig jaar in Nederland"),
        ("nl", "mijn familie woont in Turkije"),
        ("tr", "Türkiye'ye tatile gidiyorum"),
        ("ar", "ساكن في هولندا"),
    ],
)
def test_country_names_are_no_language_wish(lang: str, text: str) -> None:
    assert asked_for(text, lang) == []


def test_the_span_is_the_language_word() -> None:
    [entity] = [e for e in extract_entities("kan het in het Turks?", "nl") if e.entity]
    assert "kan het in het Turks?"[entity.start : entity.end] == "Turks"
