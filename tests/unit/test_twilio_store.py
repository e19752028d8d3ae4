"""The Twilio channel's tables on SQLite and PostgreSQL: dedupe, sealing, opt-out, schema."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from cryptography.fernet import Fernet
from sqlalchemy import text

import bot.storage.models  # noqa: F401  (registers every table)
from bot.storage.base import Base, utcnow
from bot.storage.db import get_engine
from connectors.twilio.store import TwilioStore, pseudonym_for

NUMBER = "+31612345678"
TABLES = {"twilio_message_seen", "channel_conversation"}


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEGWIJS_SECRET_KEY", Fernet.generate_key().decode())


def test_a_message_sid_is_claimed_once(db_url: str) -> None:
    store = TwilioStore(db_url)

    assert store.claim_message("SM" + "a" * 32) is True
    assert store.claim_message("SM" + "a" * 32) is False
    assert store.claim_message("SM" + "b" * 32) is True


def test_concurrent_deliveries_have_exactly_one_winner(db_url: str) -> None:
    store = TwilioStore(db_url)
    sid = "SM" + "c" * 32

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: store.claim_message(sid), range(16)))

    assert results.count(True) == 1
    with get_engine(db_url).connect() as connection:
        count = connection.execute(text("select count(*) from twilio_message_seen")).scalar()
    assert count == 1


def test_old_message_sids_can_be_forgotten(db_url: str) -> None:
    store = TwilioStore(db_url)
    store.claim_message("SM1")

    assert store.forget_seen_before(utcnow() - timedelta(days=1)) == 0
    assert store.forget_seen_before(utcnow() + timedelta(seconds=1)) == 1
    assert store.claim_message("SM1") is True


def test_a_conversation_keeps_the_number_sealed_under_a_pseudonym(db_url: str) -> None:
    store = TwilioStore(db_url)

    first = store.open_conversation("whatsapp", NUMBER)
    again = store.open_conversation("whatsapp", NUMBER)
    sms = store.open_conversation("sms", NUMBER)

    assert first == again
    assert first.pseudonym == pseudonym_for("whatsapp", NUMBER) != sms.pseudonym
    assert (first.number, first.channel, first.opted_out) == (NUMBER, "whatsapp", False)
    with get_engine(db_url).connect() as connection:
        stored = connection.execute(text("select address_sealed from channel_conversation"))
        sealed = [row[0] for row in stored]
    assert len(sealed) == 2 and all(NUMBER not in value for value in sealed)


def test_concurrent_first_messages_create_one_conversation(db_url: str) -> None:
    store = TwilioStore(db_url)

    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda _: store.open_conversation("sms", NUMBER), range(8)))

    assert len({conversation.pseudonym for conversation in found}) == 1


def test_offered_buttons_answer_one_message_and_language_sticks(db_url: str) -> None:
    store = TwilioStore(db_url)
    pseudonym = store.open_conversation("sms", NUMBER).pseudonym
    buttons = [{"title": "Ja", "payload": "/affirm"}]

    store.remember_reply(pseudonym, language="tr", buttons=buttons)
    store.remember_reply(pseudonym)

    assert store.take_offered_buttons(pseudonym) == buttons
    assert store.take_offered_buttons(pseudonym) == []
    conversation = store.conversation(pseudonym)
    assert conversation is not None and conversation.language == "tr"


def test_opt_out_round_trip_and_erasure(db_url: str) -> None:
    store = TwilioStore(db_url)
    pseudonym = store.open_conversation("whatsapp", NUMBER).pseudonym
    store.remember_reply(pseudonym, buttons=[{"title": "Ja", "payload": "/affirm"}])

    store.set_opted_out(pseudonym, True)
    conversation = store.conversation(pseudonym)
    assert conversation is not None and conversation.opted_out
    assert conversation.offered_buttons == []

    store.set_opted_out(pseudonym, False)
    conversation = store.conversation(pseudonym)
    assert conversation is not None and not conversation.opted_out

    assert store.erase(pseudonym) is True
    assert store.conversation(pseudonym) is None


def test_an_unknown_channel_is_refused(db_url: str) -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        TwilioStore(db_url).open_conversation("messenger", NUMBER)


def test_the_migration_matches_the_models(db_url: str) -> None:
    with get_engine(db_url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in differences if any(table in repr(d) for table in TABLES)]
    assert ours == []
