"""The foundation slice over HTTP, against the real action server and Rasa server.

A resident writes that they have debts, names their municipality, is offered an organisation
from the social map, agrees, gives a phone number; a handover row is stored and the bot says
who will call and by when.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from bot.cli.stack import Stack, sample_stack
from bot.config import rasa_auth_token
from bot.handover.models import Handover
from bot.privacy.sealing import unseal
from bot.storage.db import get_engine, session_scope

VALID_BSN = "111222333"


@pytest.fixture(scope="module")
def stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with sample_stack(tmp_path_factory.mktemp("e2e"), trained_model) as running:
        yield running


def post(url: str, body: dict) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read())


def say(stack: Stack, sender: str, message: str) -> str:
    replies = post(
        f"{stack.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message}
    )
    return "\n".join(reply.get("text", "") for reply in replies)


def handovers(stack: Stack) -> list[Handover]:
    with session_scope(stack.database) as session:
        return session.execute(select(Handover)).scalars().all()


def conversation(stack: Stack) -> Callable[[str], str]:
    sender = f"e2e-{uuid.uuid4().hex}"
    return lambda message: say(stack, sender, message)


def test_dutch_intake_from_first_message_to_stored_handover(stack: Stack) -> None:
    chat = conversation(stack)
    before = len(handovers(stack))
    assert "digitale assistent" in chat("hallo")
    assert "Vraag 2 van 11" in chat("ik heb schulden en kan mijn huur niet meer betalen")
    assert "Vraag 3 van 11" in chat("huur en energie")
    assert "Vraag 4 van 11" in chat("nee")
    assert "gemeente" in chat("nee")
    assert "Vraag 6 van 11" in chat("Utrecht")
    assert "taal" in chat("nee")
    offer = chat("Nederlands")
    assert "Mag ik je vraag doorgeven aan" in offer, offer
    assert "Hoe wil je" in chat("ja")
    assert "telefoonnummer" in chat("Bellen")
    assert "begrijp ik niet" in chat("12")  # a bad number is asked again, politely
    assert "Wanneer" in chat("06 12345678")
    summary = chat("avond")
    assert "Klopt dit?" in summary and "Utrecht" in summary and "huur" in summary
    done = chat("ja")
    assert "uiterlijk" in done, done

    stored = handovers(stack)
    assert len(stored) == before + 1
    handover = stored[-1]
    assert (handover.municipality_code, handover.channel, handover.language) == (
        "GM0344",
        "web",
        "nl",
    )
    assert handover.route == "volunteer"
    assert handover.receiver_name in offer and handover.receiver_name in done
    assert unseal(handover.contact_encrypted) == "+31612345678"
    assert handover.consent_text_version.endswith("/nl")
    assert "huur" in handover.summary


def test_turkish_urgent_eviction_goes_to_the_urgent_desk(stack: Stack) -> None:
    chat = conversation(stack)
    assert "dijital" in chat("merhaba")
    urgent = chat("ev sahibi beni evden atacak, tahliye kararı geldi")
    assert "3 iş günü" in urgent, urgent
    chat("kira")  # debts
    chat("gelecek hafta")  # when the eviction happens
    chat("hayır")  # other problems
    assert "Belediyeyi hemen" in chat("Rotterdam'da oturuyorum")  # the urgent number
    chat("hayır")  # nobody helps yet
    assert "iletebilir miyim" in chat("Türkçe")
    chat("evet")
    chat("Telefon")
    chat("0612345678")
    assert "doğru mu" in chat("sabah")
    assert "iletişime geçecek" in chat("evet")
    handover = handovers(stack)[-1]
    assert (handover.route, handover.urgent, handover.language) == ("urgent", True, "tr")
    assert handover.threats == ["eviction"]
    assert handover.municipality_code == "GM0599"
    assert (handover.due_at - handover.created_at).days <= 5  # 3 working days


def test_darija_in_latin_letters_is_answered_in_arabic_and_no_consent_stores_nothing(
    stack: Stack,
) -> None:
    chat = conversation(stack)
    before = len(handovers(stack))
    assert re.search(r"[\u0600-\u06FF]", chat("salam"))
    first = chat("3andi mochkil m3a lflous, ma9dertch nkhales lkra")
    assert "السؤال" in first, first
    chat("lkra")
    chat("la")
    chat("la")
    chat("ana f Rotterdam")
    chat("la")
    assert "هل أستطيع" in chat("بالعربية")
    assert "لن أرسل" in chat("la")
    assert len(handovers(stack)) == before


def test_interruptions_during_the_intake(stack: Stack) -> None:
    chat = conversation(stack)
    chat("ik heb geldzorgen")
    question = chat("huur")
    assert "Vraag 3" in question
    privacy = chat("wat gebeurt er met mijn gegevens?")
    assert "anoniem" in privacy and "Vraag 3" in privacy  # answered, then the same question
    assert "Vraag 2" in chat("terug")
    safety = chat("ik wil niet meer leven")
    assert "113" in safety and "0800-0113" in safety
    assert "Vraag" not in safety  # the questions stop
    assert "Vraag 2" in chat("ja")  # until the resident wants to go on
    switched = chat('/change_language{"preferred_language":"tr"}')
    assert "Soru 2" in switched  # same question, now in Turkish
    restarted = chat("baştan başlayalım")
    assert "Soru 1" in restarted
    assert "Vraag 1" in chat('/change_language{"preferred_language":"nl"}')
    assert "stoppen" in chat("stop")
    assert "Vraag" not in chat("bedankt")


def test_a_typed_language_wish_switches_the_conversation(stack: Stack) -> None:
    """No button needed: "in het Turks", "بالعربية", "hollandaca" name the language."""
    chat = conversation(stack)
    chat("ik heb geldzorgen")
    assert "Vraag 3" in chat("huur")
    assert "Soru 3" in chat("kan het in het Turks?")
    assert "السؤال ⁨3/" in chat("بالعربية عافاك")
    assert "Vraag 3" in chat("hollandaca devam edelim lütfen")


def test_indirect_self_harm_wording_gets_the_113_line_in_each_language(stack: Stack) -> None:
    for message in (
        "iedereen is beter af zonder mij",
        "bensiz herkes daha rahat eder",
        "ma bqitch bghit n3ich",
    ):
        chat = conversation(stack)
        chat("hallo")
        assert "113" in chat(message), message


def test_despair_gets_the_direct_question_and_yes_gets_the_safety_answer(stack: Stack) -> None:
    """No words about ending one's life, but despair: the bot asks before anything else, and
    the "ja" answers that question, not the next intake question."""
    chat = conversation(stack)
    opening = chat("ik heb zoveel schulden, ik kan niet meer")
    assert "einde aan je leven" in opening and "0800-0113" in opening
    assert "Vraag" not in opening  # the intake question waits for the answer
    safety = chat("ja")
    assert "113.nl" in safety and "Vraag" not in safety  # the questions stop
    assert "Vraag 2" in chat("ja")  # until the resident wants to go on


def test_no_to_the_direct_question_goes_on_and_it_is_asked_once(stack: Stack) -> None:
    chat = conversation(stack)
    opening = chat("borçlarım çok, artık dayanamıyorum")
    assert "son vermeyi" in opening and "Soru" not in opening
    reply = chat("hayır")
    assert "113" in reply and "Soru 2" in reply
    # Asked once: despair in a later answer does not bring the question again
    assert "son vermeyi" not in chat("kira borcum var, hiç umudum kalmadı")


def test_despair_outside_the_intake_is_asked_about_after_the_reply(stack: Stack) -> None:
    chat = conversation(stack)
    chat("salam")
    question = chat("شكرا، تعبت من كل شيء")
    assert "إنهاء حياتك" in question
    assert "شكرا على جوابك" in chat("لا")
    chat2 = conversation(stack)
    chat2("hallo")
    chat2("bedankt, ik zie geen uitweg meer")
    assert "113.nl" in chat2("ja")


def test_the_web_chat_page_is_served_and_its_webhook_answers(stack: Stack) -> None:
    with urllib.request.urlopen(stack.webchat_url, timeout=10) as reply:
        page = reply.read().decode()
    assert "<main" in page and "static/chat.js" in page
    replies = post(
        f"{stack.webchat_url}webhook", {"sender": uuid.uuid4().hex, "message": "merhaba"}
    )
    assert "dijital bir asistanım" in replies[0]["text"]


def test_bad_web_chat_input_gets_a_clear_400(stack: Stack) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        post(f"{stack.webchat_url}webhook", {"sender": "x", "message": "hoi"})
    assert error.value.code == 400
    assert "sender" in json.loads(error.value.read())["error"]


def test_rasa_http_api_needs_the_token(stack: Stack) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{stack.rasa_url}/status", timeout=10)
    assert error.value.code == 401
    with urllib.request.urlopen(
        f"{stack.rasa_url}/status?token={rasa_auth_token()}", timeout=10
    ) as reply:
        assert reply.status == 200


def test_a_threat_named_later_is_added_to_the_earlier_one(stack: Stack) -> None:
    """The threats slot is filled by action_read_message on every message (domain.yml): an
    eviction named first stays when a gas cut-off is named during the questions."""
    sender = f"e2e-{uuid.uuid4().hex}"
    say(stack, sender, "hallo")
    assert "dringend" in say(stack, sender, "we worden volgende week uit huis gezet")
    say(stack, sender, "huur, en volgende week sluiten ze ook het gas af")
    url = f"{stack.rasa_url}/conversations/{sender}/tracker?token={rasa_auth_token()}"
    with urllib.request.urlopen(url, timeout=30) as reply:
        slots = json.loads(reply.read())["slots"]
    assert slots["threats"] == ["energy_cutoff", "eviction"]


def test_parse_output_has_a_top_level_language(stack: Stack) -> None:
    parsed = post(
        f"{stack.rasa_url}/model/parse?token={rasa_auth_token()}", {"text": "borçlarım var"}
    )
    assert parsed["language"] == "tr"


def test_a_bsn_typed_in_the_chat_is_not_stored(stack: Stack) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    say(stack, sender, f"mijn bsn is {VALID_BSN}")
    with get_engine(stack.database).connect() as connection:
        rows = (
            connection.execute(
                text("select data from events where sender_id = :sender"), {"sender": sender}
            )
            .scalars()
            .all()
        )
    assert rows, "the conversation should be in the tracker store"
    assert all(VALID_BSN not in row for row in rows)
