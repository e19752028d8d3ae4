"""Rasa's conversations live in Wegwijs's database (SQLite and PostgreSQL), BSN/IBAN removed."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.storage.db import get_engine
from bot.storage.tracker_store import WegwijsTrackerStore, tracker_store_kwargs

VALID_BSN = "111222333"
VALID_IBAN = "NL91ABNA0417164300"


def test_urls_become_tracker_store_arguments() -> None:
    assert tracker_store_kwargs("sqlite:////tmp/x.db") == {"dialect": "sqlite", "db": "/tmp/x.db"}
    pg = tracker_store_kwargs("postgresql://wegwijs:geheim@db.local:5433/prod?sslmode=require")
    assert pg["dialect"] == "postgresql" and pg["host"] == "db.local" and pg["port"] == 5433
    assert (pg["db"], pg["username"], pg["password"]) == ("prod", "wegwijs", "geheim")
    assert pg["query"] == {"sslmode": "require"}


async def test_conversations_are_stored_in_our_database_without_bsn_or_iban(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", db_url)
    domain = Domain.from_yaml("slots:\n  language:\n    type: text\n    mappings: []\n")
    store = WegwijsTrackerStore(domain=domain)
    tracker = DialogueStateTracker("resident-1", domain.slots)
    tracker.update(UserUttered(f"mijn bsn is {VALID_BSN} en iban {VALID_IBAN}"))
    tracker.update(SlotSet("language", "tr"))
    await store.save(tracker)

    with get_engine(db_url).connect() as connection:
        rows = (
            connection.execute(text("select data from events where sender_id = 'resident-1'"))
            .scalars()
            .all()
        )
    assert len(rows) == 2
    assert all(VALID_BSN not in row and VALID_IBAN not in row for row in rows)
    restored = await store.retrieve("resident-1")
    assert restored.get_slot("language") == "tr"
    assert "[BSN verwijderd]" in restored.latest_message.text
    store.engine.dispose()
