"""The web chat resident's inbox: linked to the conversation, acknowledged before it is read."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.handover.models import Handover, ResidentMessage
from bot.handover.service import create_handover
from bot.handover.status import change_status
from bot.storage.db import session_scope
from connectors.webchat.inbox import fetch_inbox, intake_ids
from tests.fakes.handovers import handover_request

SENDER = "resident-0123456789"


def _handover(session: Session, sender: str, intake: str, channel: str = "web") -> Handover:
    handover, _created = create_handover(
        session,
        handover_request(conversation_id=sender, intake_id=intake, channel=channel),
    )
    change_status(session, handover, "accepted", actor="organization:org-1")
    return handover


def _events(*intakes: str) -> list[dict]:
    return [{"event": "slot", "name": "intake_id", "value": intake} for intake in intakes] + [
        {"event": "slot", "name": "intake_id", "value": None},
        {"event": "slot", "name": "language", "value": "nl"},
        {"event": "user", "text": "hoi"},
    ]


def test_intake_ids_come_from_the_conversation_and_the_sender() -> None:
    assert intake_ids(SENDER, _events("i-1", "i-2")) == {SENDER, "i-1", "i-2"}


def test_the_page_gets_the_news_of_its_own_handovers_until_it_acknowledges(
    db_url: str,
) -> None:
    with session_scope(db_url) as session:
        _handover(session, SENDER, "i-1")
        _handover(session, "someone-else-0123", "i-9")
        _handover(session, SENDER, "i-3", channel="ambassador")  # the resident gets an SMS
    with session_scope(db_url) as session:
        first = fetch_inbox(session, SENDER, _events("i-1", "i-3"), ack=[])
    assert len(first) == 1
    assert "Thuisadministratie Utrecht" in first[0]["text"]
    assert first[0]["language"] == "nl"
    with session_scope(db_url) as session:
        assert fetch_inbox(session, SENDER, _events("i-1"), ack=[]) == first, "not yet acked"
    with session_scope(db_url) as session:
        assert fetch_inbox(session, SENDER, _events("i-1"), ack=[first[0]["id"]]) == []
    with session_scope(db_url) as session:
        unread = session.query(ResidentMessage).filter_by(read_at=None).count()
    assert unread == 1, "only the other resident's message is still waiting"


def test_a_page_cannot_acknowledge_someone_elses_messages(db_url: str) -> None:
    with session_scope(db_url) as session:
        _handover(session, "someone-else-0123", "i-9")
    with session_scope(db_url) as session:
        theirs = fetch_inbox(session, "someone-else-0123", _events("i-9"), ack=[])
    with session_scope(db_url) as session:
        assert fetch_inbox(session, SENDER, _events(), ack=[theirs[0]["id"]]) == []
    with session_scope(db_url) as session:
        assert fetch_inbox(session, "someone-else-0123", _events("i-9"), ack=[]) == theirs


def test_a_conversation_without_handovers_has_an_empty_inbox(sqlite_url: str) -> None:
    with session_scope(sqlite_url) as session:
        assert fetch_inbox(session, SENDER, [], ack=[1, 2]) == []
