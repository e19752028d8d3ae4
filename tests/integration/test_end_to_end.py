"""The foundation slice over HTTP, against the real action server and Rasa server.

A resident writes that they have debts, names their municipality, is offered an organisation
from the social map, agrees, gives a phone number; a handover row is stored and the bot says
who will call and by when.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from bot.cli.main import main as wegwijs
from bot.cli.stack import Stack
from bot.config import rasa_auth_token
from bot.handover.models import Handover
from bot.privacy.sealing import unseal
from bot.storage import migrate
from bot.storage.db import get_engine, session_scope
from tests.integration.conftest import free_port

VALID_BSN = "111222333"


@pytest.fixture(scope="module")
def stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    folder = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{folder / 'wegwijs.db'}"
    migrate.upgrade(url)
    patch = pytest.MonkeyPatch()
    patch.setenv("WEGWIJS_DATABASE_URL", url)
    assert wegwijs(["socialmap", "load-samples"]) == 0
    running = Stack(
        model=trained_model,
        rasa_port=free_port(),
        actions_port=free_port(),
        log_dir=folder / "logs",
        database=url,
    )
    running.start()
    try:
        running.wait_ready(timeout=300)
        yield running
    finally:
        running.stop()
        patch.undo()


def post(url: str, body: dict) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:  # noqa: S310 - loopback
        return json.loads(reply.read())


def say(stack: Stack, sender: str, message: str) -> str:
    replies = post(f"{stack.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message})
    return "\n".join(reply.get("text", "") for reply in replies)


def test_dutch_slice_ends_with_a_stored_handover(stack: Stack) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    assert "digitale assistent" in say(stack, sender, "hallo")
    assert "gemeente" in say(stack, sender, "ik heb schulden en kan mijn rekeningen niet betalen")
    offer = say(stack, sender, "Utrecht")
    assert "Mag ik je vraag doorgeven aan" in offer, offer
    assert "telefoonnummer" in say(stack, sender, "ja")
    done = say(stack, sender, "06 12345678")
    assert "belt je uiterlijk" in done, done

    with session_scope(stack.database) as session:
        handovers = session.execute(select(Handover)).scalars().all()
    assert len(handovers) == 1
    handover = handovers[0]
    assert handover.municipality_code == "GM0344"
    assert handover.channel == "web"
    assert handover.language == "nl"
    assert handover.receiver_name in offer
    assert handover.receiver_name in done
    assert unseal(handover.contact_encrypted) == "+31612345678"
    assert handover.consent_text_version.endswith("/nl")


def test_an_invalid_phone_number_is_asked_again_politely(stack: Stack) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    say(stack, sender, "ik heb geldzorgen")
    say(stack, sender, "ik woon in Rotterdam")
    say(stack, sender, "ja")
    assert "begrijp ik niet" in say(stack, sender, "12")


def test_the_web_chat_page_is_served_and_its_webhook_answers(stack: Stack) -> None:
    with urllib.request.urlopen(stack.webchat_url, timeout=10) as reply:  # noqa: S310
        page = reply.read().decode()
    assert "<main>" in page and "static/chat.js" in page
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
        urllib.request.urlopen(f"{stack.rasa_url}/status", timeout=10)  # noqa: S310
    assert error.value.code == 401
    with urllib.request.urlopen(  # noqa: S310
        f"{stack.rasa_url}/status?token={rasa_auth_token()}", timeout=10
    ) as reply:
        assert reply.status == 200


def test_parse_output_has_a_top_level_language(stack: Stack) -> None:
    parsed = post(
        f"{stack.rasa_url}/model/parse?token={rasa_auth_token()}", {"text": "borçlarım var"}
    )
    assert parsed["language"] == "tr"


def test_a_bsn_typed_in_the_chat_is_not_stored(stack: Stack) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    say(stack, sender, f"mijn bsn is {VALID_BSN}")
    with get_engine(stack.database).connect() as connection:
        rows = connection.execute(
            text("select data from events where sender_id = :sender"), {"sender": sender}
        ).scalars().all()
    assert rows, "the conversation should be in the tracker store"
    assert all(VALID_BSN not in row for row in rows)
