"""Language identification: the cases from the issue, neutral input, and the n-gram model.

Each behaviour is checked with three identifiers: untrained (word lists, spelling, lingua),
trained on a small fixed corpus (exercises the n-gram model deterministically), and trained
on the project's NLU data (what the bot really runs with).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from bot.language import Detection, LanguageIdentifier, lexicon
from bot.language.detect import NgramModel, analyse_token, ngram_text

REPO = Path(__file__).resolve().parents[2]

SMALL_CORPUS = {
    "nl": [
        "hoi",
        "hallo, is daar iemand",
        "ik heb schulden",
        "ik kan mijn rekeningen niet betalen",
        "de deurwaarder stond aan de deur",
        "ja graag",
        "nee dank je",
        "kunnen jullie me helpen met mijn geldzorgen",
        "ik woon in utrecht",
        "bedankt voor je hulp",
    ],
    "tr": [
        "merhaba",
        "selam, kimse var mı",
        "borçlarım var",
        "borclarim var yardim lazim",
        "faturaları ödeyemiyorum",
        "evet",
        "hayır teşekkürler",
        "kira borcum birikti ne yapacağım bilmiyorum",
        "tamam devam edelim",
        "yardımın için sağol",
    ],
    "ar": [
        "salam",
        "salam labas",
        "3andi mochkil m3a lflous",
        "ma9dertch nkhales lkra",
        "wakha",
        "bghit nhder m3a chi wa7ed",
        "عندي مشكل مع لفلوس",
        "السلام عليكم",
        "choukran bzaf a khouya",
        "la ma bghitch",
    ],
}


def _project_examples() -> tuple[list[str], list[str]]:
    """Texts and labels from data/nlu/*.yml, read by Rasa like the component would see them.

    The label is the intent/example metadata; files whose blocks carry none yet (they are
    still being written) are labelled by their file name so this test still trains.
    """
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu.language_detector import language_from_metadata

    texts: list[str] = []
    labels: list[str] = []
    for path in sorted((REPO / "data" / "nlu").glob("*.yml")):
        for message in load_data(str(path)).training_examples:
            label = language_from_metadata(message) or path.stem
            if message.get("text") and label in ("nl", "tr", "ar"):
                texts.append(message.get("text"))
                labels.append(label)
    return texts, labels


@pytest.fixture(scope="module", params=["untrained", "small-corpus", "project-data"])
def identifier(request: pytest.FixtureRequest) -> LanguageIdentifier:
    if request.param == "untrained":
        return LanguageIdentifier()
    if request.param == "small-corpus":
        texts = [text for examples in SMALL_CORPUS.values() for text in examples]
        labels = [code for code, examples in SMALL_CORPUS.items() for _ in examples]
        return LanguageIdentifier().fit(texts, labels)
    texts, labels = _project_examples()
    if len(set(labels)) < 2:
        pytest.skip("data/nlu/*.yml has fewer than two languages yet")
    return LanguageIdentifier().fit(texts, labels)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hallo", "nl"),
        ("salam", "ar"),
        ("selam", "tr"),
        ("merhaba", "tr"),
        ("3andi mochkil m3a lflous", "ar"),
        ("ma9dertch nkhales lkra", "ar"),
        ("ik heb schulden", "nl"),
        ("borçlarım var", "tr"),
        ("borclarim var", "tr"),
        ("عندي ديون", "ar"),
    ],
)
def test_issue_examples(identifier: LanguageIdentifier, text: str, expected: str) -> None:
    assert identifier.detect(text).language == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("evet", "tr"),
        ("tamam", "tr"),
        ("hayır", "tr"),
        ("hayir", "tr"),
        ("wakha", "ar"),
        ("iyeh", "ar"),
        ("iyyeh", "ar"),
        ("ja", "nl"),
        ("nee", "nl"),
        ("klopt", "nl"),
        ("jaaaa", "nl"),
    ],
)
def test_clear_single_words_are_right_but_not_confident_enough_to_switch(
    identifier: LanguageIdentifier, text: str, expected: str
) -> None:
    detection = identifier.detect(text)
    assert detection.language == expected
    assert 0.5 <= detection.confidence < 0.8


@pytest.mark.parametrize(
    "text",
    [
        *("ok", "oke", "Oké", "OK!!", "stop", "1", "12", "3511 AB", "3511AB", "Rotterdam"),
        *("Den Haag", "٣", "👍", "", "   ", "/affirm", '/change_language{"tr": "x"}'),
        *("privacy?", "Den Haag Transvaal", "Kanaleneiland"),
    ],
)
def test_language_neutral_input_has_low_confidence(
    identifier: LanguageIdentifier, text: str
) -> None:
    assert identifier.detect(text).confidence < 0.3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik heb een brief van de deurwaarder gekregen en weet niet wat ik moet doen", "nl"),
        ("IK HEB SCHULDEN EN KAN DE HUUR NIET BETALEN", "nl"),
        ("merhaba, belastingdienst'ten bir mektup geldi ve ne yapacağımı bilmiyorum", "tr"),
        ("İYİ GÜNLER, kira borcum var", "tr"),
        ("beslag op mijn loon, ne yapacağım bilmiyorum", "tr"),
        ("salam khoya, 3andi mochkil kbir m3a lbelasting w ma 3rftch ach ndir", "ar"),
        ("السلام عليكم، عندي مشكل مع الكرا ديال الدار", "ar"),
        ("لدي ديون ولا أستطيع الدفع", "ar"),
    ],
)
def test_clear_sentences_are_confident(
    identifier: LanguageIdentifier, text: str, expected: str
) -> None:
    detection = identifier.detect(text)
    assert detection.language == expected
    assert detection.confidence >= 0.9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Mostly Dutch, but spelled the way only a Darija or Turkish writer does.
        ("3afak help me, ik snap die brief van de belasting niet", "ar"),
        ("ma fhemtch, kun je dat nog een keer uitleggen", "ar"),
        ("ik heb een brief gekregen, ne yapacağım şimdi", "tr"),
        # One word of their own language next to the Dutch one: "ja, evet", "machi hakka".
        ("nee, yok", "tr"),
        ("machi hakka, niet waar", "ar"),
        ("merci khoya, dank je wel", "ar"),
        # A greeting or a number alone does not make a Dutch message Arabic: Dutch speakers
        # borrow "salam" and "inshallah" too.
        ("salam, ik heb een vraag over mijn huur", "nl"),
        ("selam allemaal, ik heb een vraag", "nl"),
        ("ik hoop inshallah dat het lukt met de huur", "nl"),
        ("ik heb 2 brieven van het cjib gekregen", "nl"),
        # A Dutch ordinal is not a Turkish number ending ("20'e"); a Turkish form of address
        # in Dutch text is borrowed like "salam"; a Turkish verb ending is Turkish.
        ("ze sluiten het water af op de 20e, hij begrijpt het niet", "nl"),
        ("mijn dekking stopt per de 1e van de maand", "nl"),
        ("abi ik heb brief van deurwaarder gekregen wat moet ik doen", "nl"),
        ("opnieuw beginnen yapalim", "tr"),
        ("tskler bedankt", "tr"),
        # "fikra" (a joke) is also Arabic (an idea); "anlat" (tell) is Turkish only.
        ("fikra anlat", "tr"),
        # "tarafı" (side) and "pk" (posta kodu) are Turkish.
        ("Arnhem presikhaaf tarafi", "tr"),
        ("pk 5041 AB", "tr"),
        # A Turkish ending typed straight onto a town name; Dutch endings on a town are Dutch.
        ("ben Schiedamdayim", "tr"),
        ("zaandamda oturuyoruz", "tr"),
        ("ik woon in het rotterdamse zuiden", "nl"),
        ("Feyenoord maci kacta", "tr"),
        ("Ikamet ettigim yer Arnhem.", "tr"),
        ("dank je wel, lah yjazik bikhir", "ar"),
        ("merci bcp", "ar"),
        ("ewa alles goed?", "nl"),
        # Dutch, French and Darija words with Turkish-looking endings, and a Dutch name
        ("met kerstmis kan ik de huur niet betalen", "nl"),
        ("rekening van erasmus mc, kan niet betalen", "nl"),
        ("ik lig in het erasmus", "nl"),
        ("mijn zus kira heeft een brief gekregen", "nl"),
        ("lkhmis jay ghadi nmchi l gemeente", "ar"),
        ("walidik 3ayshin m3ak?", "ar"),
    ],
)
def test_mixed_messages_go_to_the_writers_heritage_language(
    identifier: LanguageIdentifier, text: str, expected: str
) -> None:
    assert identifier.detect(text).language == expected


def test_weak_single_words_do_not_open_a_conversation_in_their_language(
    identifier: LanguageIdentifier,
) -> None:
    """A "he" alone (Dutch "hey, right?" as in "robot he?", or spoken Turkish "yes"), or French
    "ça va" typed by a Darija writer as "sa va", stays below the sticky opening threshold (0.5):
    none of them starts or switches a conversation, whichever language the model leans to."""
    assert identifier.detect("he").confidence < 0.5
    assert identifier.detect("pk").confidence < 0.5
    assert identifier.detect("sa va").confidence < 0.5
    assert identifier.detect("sa va bien merci").confidence < 0.5


def test_unknown_town_or_english_is_not_confident(identifier: LanguageIdentifier) -> None:
    for text in ("Zwijndrecht", "I have a lot of debts", "can you help me"):
        assert identifier.detect(text).confidence < 0.8, text


def test_detection_is_frozen_and_explains_itself(identifier: LanguageIdentifier) -> None:
    detection = identifier.detect("3andi mochkil m3a lflous")
    assert isinstance(detection, Detection)
    with pytest.raises(dataclasses.FrozenInstanceError):
        detection.language = "nl"  # type: ignore[misc]
    assert detection.signals["arabizi:ar"] > 0
    assert math.isclose(sum(detection.signals[f"p:{c}"] for c in ("nl", "tr", "ar")), 1.0)


def test_fit_ignores_unknown_labels_and_needs_two_languages() -> None:
    identifier = LanguageIdentifier(use_lingua=False)
    identifier.fit(["ik heb schulden", "I have debts", "hallo"], ["nl", "en", "nl"])
    assert not identifier.trained
    identifier.fit(["ik heb schulden", "borçlarım var", "I have debts"], ["nl", "tr", "en"])
    assert identifier.trained
    assert identifier.ngram is not None
    assert set(identifier.ngram.classes) == {"nl", "tr"}
    # A class the model never saw must not be ruled out: Arabic script still wins.
    assert identifier.detect("عندي ديون").language == "ar"


def test_exported_ngram_model_matches_scikit_learn() -> None:
    texts = [ngram_text(t) for examples in SMALL_CORPUS.values() for t in examples]
    labels = [code for code, examples in SMALL_CORPUS.items() for _ in examples]
    pairs = [(t, label) for t, label in zip(texts, labels, strict=True) if t]
    vectorizer, classifier = NgramModel.fit_sklearn(*zip(*pairs, strict=True))
    model = NgramModel.from_sklearn(vectorizer, classifier)
    for text in ("ik wil hulp", "borcum var", "bghit lflous", "zzz qqq"):
        prepared = ngram_text(text)
        expected = classifier.predict_proba(NgramModel.design_matrix([prepared], vectorizer))[0]
        got = model.log_proba(prepared)
        for code, probability in zip(classifier.classes_, expected, strict=True):
            assert math.exp(got[code]) == pytest.approx(probability, abs=1e-9)


def test_save_and_load_give_the_same_detections(tmp_path: Path) -> None:
    texts = [text for examples in SMALL_CORPUS.values() for text in examples]
    labels = [code for code, examples in SMALL_CORPUS.items() for _ in examples]
    trained = LanguageIdentifier().fit(texts, labels)
    trained.save(tmp_path / "model.json")
    loaded = LanguageIdentifier.load(tmp_path / "model.json")
    assert loaded.trained
    for text in ("hallo daar", "kira borcum var", "3andi mochkil", "ok", "schulden"):
        assert loaded.detect(text) == trained.detect(text)


def test_load_rejects_an_unknown_format(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text('{"format": 99, "ngram": null}', encoding="utf-8")
    with pytest.raises(ValueError, match="format"):
        LanguageIdentifier.load(tmp_path / "model.json")


@pytest.mark.parametrize(
    ("word", "turkish"),
    [
        ("yapalim", True),
        ("gidelim", True),
        ("kesecekler", True),
        ("edebilir", True),
        ("geldim", True),
        ("odedik", True),
        ("yazmis", True),
        ("kesmisler", True),
        ("mis", False),
        ("kermis", False),
        ("kerstmis", False),
        ("erasmus", False),
        ("lkhmis", False),
        ("walidik", False),
        ("abdelhalim", False),
        # Names and Dutch or English words with the same letters at the end
        ("selim", False),
        ("halim", False),
        ("kermis", False),
        ("stuk", False),
        ("bewijsstuk", False),
        ("checken", False),
    ],
)
def test_turkish_verb_endings(word: str, turkish: bool) -> None:
    evidence = analyse_token(word).evidence
    assert any(kind == "suffix" and lang == "tr" for kind, lang, _ in evidence) is turkish


@pytest.mark.parametrize(
    ("word", "turkish"),
    [
        ("rotterdamda", True),
        ("haagdayim", True),
        ("utrechtte", True),
        ("amsterdamli", True),
        ("rotterdamse", False),
        ("amsterdammer", False),
        ("heerde", False),  # a municipality of its own
        ("oosten", False),
    ],
)
def test_turkish_endings_on_town_names(word: str, turkish: bool) -> None:
    assert lexicon.place_with_turkish_ending(word) is turkish
