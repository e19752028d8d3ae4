"""Conversation retention on the real tracker store tables (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import inspect, text

from bot.cli.main import main
from bot.handover.delivery.senders import Senders
from bot.handover.worker import PURGE_RETRY, Worker
from bot.privacy import retention
from bot.privacy.retention import PurgeResult, purge_conversations, retention_days
from bot.storage.base import utcnow
from bot.storage.db import get_engine
from bot.storage.tracker_store import WegwijsTrackerStore

DAY = 24 * 3600.0


@pytest.fixture()
def url(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database with no conversations: Rasa's table outlives one test on PostgreSQL."""
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", db_url)
    with get_engine(db_url).begin() as connection:
        if inspect(connection).has_table("events"):
            connection.execute(text("delete from events"))
    return db_url


DOMAIN = Domain.from_yaml(
    "slots:\n  language:\n    type: text\n    mappings: []\n"
    "  intake_id:\n    type: text\n    mappings: []\n"
)


async def store_conversation(days_ago: list[float], intake: str | None = None) -> str:
    """A conversation through Rasa's own tracker store, one message per age in ``days_ago``
    (and, with ``intake``, the intake id slot the web chat inbox looks for)."""
    sender = f"resident-{uuid.uuid4().hex[:8]}"
    store = WegwijsTrackerStore(domain=DOMAIN)
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    now = utcnow().timestamp()
    for age in days_ago:
        tracker.update(UserUttered("ik heb schulden", timestamp=now - age * DAY))
        tracker.update(SlotSet("language", "nl", timestamp=now - age * DAY))
        if intake:
            tracker.update(SlotSet("intake_id", intake, timestamp=now - age * DAY))
    await store.save(tracker)
    store.engine.dispose()
    return sender


async def stored_tracker(sender: str) -> DialogueStateTracker | None:
    store = WegwijsTrackerStore(domain=DOMAIN)
    tracker = await store.retrieve(sender)
    store.engine.dispose()
    return tracker


def events_of(url: str, sender: str) -> int:
    with get_engine(url).connect() as connection:
        query = text("select count(*) from events where sender_id = :sender")
        return connection.execute(query, {"sender": sender}).scalar_one()


async def test_only_conversations_quiet_for_longer_than_the_limit_are_deleted(url: str) -> None:
    old = await store_conversation([45, 40], intake="a1b2c3")
    recent = await store_conversation([2])
    resumed = await store_conversation([60, 1])  # came back yesterday: kept whole
    result = purge_conversations(url, timedelta(days=30), utcnow())
    assert (result.conversations, result.events) == (1, 6)
    assert events_of(url, old) == 0
    assert events_of(url, recent) == 2
    assert events_of(url, resumed) == 4
    # Nothing left: Rasa treats a returning resident as a new conversation (session start).
    assert await stored_tracker(old) is None
    assert (await stored_tracker(recent)).latest_message.text == "ik heb schulden"
    again = purge_conversations(url, timedelta(days=30), utcnow())
    assert (again.conversations, again.events) == (0, 0)


async def test_many_conversations_are_deleted_in_batches(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retention, "BATCH", 2)
    old = [await store_conversation([40]) for _ in range(5)]
    result = purge_conversations(url, timedelta(days=30), utcnow())
    assert (result.conversations, result.events) == (5, 10)
    assert all(events_of(url, sender) == 0 for sender in old)


def test_before_rasa_stored_anything_there_is_nothing_to_delete(sqlite_url: str) -> None:
    assert purge_conversations(sqlite_url, timedelta(days=1), utcnow()) == PurgeResult()


async def test_cli_purge_uses_the_configured_limit(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    old = await store_conversation([10])
    monkeypatch.setenv("WEGWIJS_CONVERSATION_RETENTION_DAYS", "30")
    assert main(["db", "purge-conversations"]) == 0
    assert "deleted 0 conversations" in capsys.readouterr().out
    assert events_of(url, old) == 2
    assert main(["db", "purge-conversations", "--older-than-days", "7"]) == 0
    assert "deleted 1 conversations (2 events)" in capsys.readouterr().out
    assert events_of(url, old) == 0


def test_cli_rejects_a_bad_limit(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("WEGWIJS_CONVERSATION_RETENTION_DAYS", "een maand")
    assert main(["db", "purge-conversations"]) == 2
    assert "whole number of days" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["db", "purge-conversations", "--older-than-days", "0"])


@pytest.mark.parametrize(("raw", "days"), [(None, 30), ("90", 90)])
def test_retention_days_from_the_environment(
    raw: str | None, days: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if raw is None:
        monkeypatch.delenv("WEGWIJS_CONVERSATION_RETENTION_DAYS", raising=False)
    else:
        monkeypatch.setenv("WEGWIJS_CONVERSATION_RETENTION_DAYS", raw)
    assert retention_days() == days


async def test_worker_applies_the_limit_once_then_waits(url: str) -> None:
    first = await store_conversation([40])
    async with Senders.from_env() as senders:
        worker = Worker(url, senders, retention=timedelta(days=30))
        assert (await worker.run_once()).purged == 1
        second = await store_conversation([40])
        # The next round comes seconds later: the limit is applied again only after hours.
        assert (await worker.run_once()).purged == 0
    assert events_of(url, first) == 0
    assert events_of(url, second) == 2


async def test_a_failing_purge_does_not_stop_deliveries(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # An events table Rasa did not make (no timestamp column): the purge query fails.
    with get_engine(sqlite_url).begin() as connection:
        connection.execute(text("create table events (sender_id varchar(255))"))
    async with Senders.from_env() as senders:
        worker = Worker(sqlite_url, senders, retention=timedelta(days=30))
        result = await worker.run_once()
    assert result.purged == 0
    assert "retention purge failed" in caplog.text
    assert worker._next_purge is not None and worker._next_purge - utcnow() <= PURGE_RETRY
