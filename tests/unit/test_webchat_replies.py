"""Server-side dedupe of web chat messages, against SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from bot.storage.base import utcnow
from bot.storage.db import session_scope
from connectors.webchat.models import WebchatReply
from connectors.webchat.replies import BUSY, KEEP, LEASE, NEW, REPLAY, ReplyStore, reply_key

SENDER = "sender-0123456789"
REPLY = [{"text": "Hallo!", "buttons": [{"title": "Ja", "payload": "/affirm"}]}]


def test_a_message_is_processed_once_and_a_repeat_gets_the_stored_reply(db_url: str) -> None:
    store = ReplyStore(db_url)
    first = store.claim(SENDER, "msg-00000001")
    assert first.outcome == NEW
    assert store.claim(SENDER, "msg-00000001").outcome == BUSY
    store.complete(first.key, REPLY)
    repeat = store.claim(SENDER, "msg-00000001")
    assert (repeat.outcome, repeat.reply) == (REPLAY, REPLY)


def test_dedupe_is_per_sender(db_url: str) -> None:
    store = ReplyStore(db_url)
    assert store.claim(SENDER, "msg-00000001").outcome == NEW
    assert store.claim("another-sender-01", "msg-00000001").outcome == NEW


def test_the_table_does_not_say_who_wrote_what(db_url: str) -> None:
    store = ReplyStore(db_url)
    claim = store.claim(SENDER, "msg-00000001")
    store.complete(claim.key, REPLY)
    with session_scope(db_url) as session:
        row = session.get(WebchatReply, reply_key(SENDER, "msg-00000001"))
        assert SENDER not in row.key and "msg-00000001" not in row.key
        assert SENDER not in str(row.reply)


def test_a_failed_try_is_released_so_the_retry_runs_it(db_url: str) -> None:
    store = ReplyStore(db_url)
    claim = store.claim(SENDER, "msg-00000001")
    store.release(claim.key)
    assert store.claim(SENDER, "msg-00000001").outcome == NEW


def test_a_claim_left_by_a_crashed_process_expires(db_url: str) -> None:
    store = ReplyStore(db_url)
    start = utcnow()
    store.claim(SENDER, "msg-00000001", now=start)
    assert store.claim(SENDER, "msg-00000001", now=start + LEASE / 2).outcome == BUSY
    late = start + LEASE + timedelta(seconds=1)
    assert store.claim(SENDER, "msg-00000001", now=late).outcome == NEW
    assert store.claim(SENDER, "msg-00000001", now=late).outcome == BUSY


def test_old_replies_are_purged(db_url: str) -> None:
    old = utcnow() - KEEP - timedelta(hours=1)
    store = ReplyStore(db_url)
    store.complete(store.claim(SENDER, "msg-00000001", now=old).key, REPLY)
    assert store.purge(utcnow() - KEEP) == 1
    assert store.claim(SENDER, "msg-00000001").outcome == NEW


def test_claims_purge_by_themselves_now_and_then(db_url: str) -> None:
    old = utcnow() - KEEP - timedelta(hours=1)
    store = ReplyStore(db_url)
    store.complete(store.claim(SENDER, "msg-00000001", now=old).key, REPLY)
    store.complete(store.claim(SENDER, "msg-00000002").key, REPLY)
    assert store.claim(SENDER, "msg-00000002").outcome == REPLAY
    assert store.claim(SENDER, "msg-00000001").outcome == NEW, "the old reply was purged"


def test_concurrent_copies_of_one_message_are_processed_once(db_url: str) -> None:
    store = ReplyStore(db_url)
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def claim() -> None:
        barrier.wait()
        outcomes.append(store.claim(SENDER, "msg-00000009").outcome)

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [BUSY] * 5 + [NEW]
    with session_scope(db_url) as session:
        assert session.execute(select(func.count()).select_from(WebchatReply)).scalar_one() == 1
