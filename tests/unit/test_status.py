"""The closed loop: allowed status changes, who made them, and who hears about them."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from bot.handover.delivery.notices import (
    mark_resident_messages_read,
    pending_ambassador_notifications,
    pending_resident_messages,
)
from bot.handover.delivery.texts import load_texts, resident_accepted
from bot.handover.models import Handover, OutboxMessage, ResidentMessage
from bot.handover.outbox import RESIDENT, RESIDENT_NOTICE
from bot.handover.status import (
    STATUSES,
    TRANSITIONS,
    InvalidStatusChangeError,
    TransitionNotAllowedError,
    change_status,
    check_change,
    history,
)
from bot.storage.db import session_scope
from tests.fakes.handovers import make_handover

FSI, PDI = "\u2068", "\u2069"


def _change(url: str, handover_id: str, status: str, reason: str = "", actor: str = "org") -> None:
    with session_scope(url) as session:
        change_status(
            session, session.get(Handover, handover_id), status, actor=actor, reason=reason
        )


def test_only_forward_moves_are_allowed_and_some_need_a_reason() -> None:
    assert set(TRANSITIONS) == set(STATUSES)
    for current in STATUSES:
        for new in STATUSES:
            reason = "no answer three times"
            if new in TRANSITIONS[current]:
                check_change(current, new, reason)
            else:
                with pytest.raises(TransitionNotAllowedError):
                    check_change(current, new, reason)
    for status in ("unreachable", "declined"):
        with pytest.raises(InvalidStatusChangeError, match="needs a reason"):
            check_change("accepted", status, "  ")
    with pytest.raises(InvalidStatusChangeError, match="unknown status"):
        check_change("new", "lost", "")
    assert TransitionNotAllowedError.http_status == 409
    assert InvalidStatusChangeError.http_status == 422


def test_every_change_is_recorded_with_who_and_when(db_url: str) -> None:
    handover_id = make_handover(db_url)
    _change(db_url, handover_id, "accepted", actor="organization:org-1 (token 1)")
    _change(db_url, handover_id, "unreachable", "three calls, no answer", actor="org-1/anna")
    _change(db_url, handover_id, "contacted", actor="org-1/anna")
    _change(db_url, handover_id, "helped", actor="org-1/anna")
    _change(db_url, handover_id, "closed", actor="org-1/anna")
    with pytest.raises(TransitionNotAllowedError, match="final status"):
        _change(db_url, handover_id, "accepted")
    with session_scope(db_url) as session:
        events = history(session, handover_id)
        assert [event.status for event in events] == [
            "new",
            "accepted",
            "unreachable",
            "contacted",
            "helped",
            "closed",
        ]
        assert events[1].actor == "organization:org-1 (token 1)"
        assert events[2].reason == "three calls, no answer"
        assert all(event.at is not None for event in events)
        assert session.get(Handover, handover_id).status == "closed"


def test_a_stale_change_loses_against_one_made_meanwhile(db_url: str) -> None:
    handover_id = make_handover(db_url)
    with session_scope(db_url) as session:
        stale = session.get(Handover, handover_id)
        _change(db_url, handover_id, "accepted")
        with pytest.raises(TransitionNotAllowedError, match="changed meanwhile"):
            change_status(session, stale, "declined", actor="other", reason="full")
    with session_scope(db_url) as session:
        assert session.get(Handover, handover_id).status == "accepted"


def test_accepting_tells_the_web_resident_in_their_language_and_the_ambassador(
    db_url: str,
) -> None:
    handover_id = make_handover(
        db_url,
        language="tr",
        receiver_name="Humanitas Utrecht",
        referrer_ambassador_id="amb-7",
        referrer_meeting_code="MOSKEE-0311",
    )
    _change(db_url, handover_id, "accepted")
    with session_scope(db_url) as session:
        [message] = pending_resident_messages(session, handover_id)
        assert message.language == "tr"
        assert "Humanitas Utrecht" in message.text and "kabul etti" in message.text
        # The day is written in Turkish (Babel), e.g. "28 Kasım Cuma".
        assert re.search(r"\d+ \w+ \w+", message.text)
        [notification] = pending_ambassador_notifications(session, "amb-7")
        assert (notification.status, notification.meeting_code) == ("accepted", "MOSKEE-0311")
        # Web chat residents are reached through their inbox, not the outbox.
        kinds = session.execute(select(OutboxMessage.kind)).scalars().all()
        assert RESIDENT_NOTICE not in kinds
        assert mark_resident_messages_read(session, [message.id]) == 1
    with session_scope(db_url) as session:
        assert pending_resident_messages(session, handover_id) == []
        assert len(session.execute(select(ResidentMessage)).scalars().all()) == 1
    _change(db_url, handover_id, "contacted")
    with session_scope(db_url) as session:
        statuses = [n.status for n in pending_ambassador_notifications(session, "amb-7")]
        assert statuses == ["accepted", "contacted"]


def test_accepting_queues_a_message_to_an_sms_or_whatsapp_resident(db_url: str) -> None:
    handover_id = make_handover(db_url, channel="whatsapp", language="ar")
    _change(db_url, handover_id, "accepted")
    with session_scope(db_url) as session:
        [notice] = session.execute(
            select(OutboxMessage).where(OutboxMessage.kind == RESIDENT_NOTICE)
        ).scalars()
        assert (notice.recipient_kind, notice.recipient_id) == (RESIDENT, handover_id)
        assert pending_resident_messages(session, handover_id) == []


def test_the_arabic_message_isolates_latin_names_and_dates() -> None:
    due = datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)
    text = resident_accepted("ar", "SchuldHulpMaatje Utrecht", due)
    assert f"{FSI}SchuldHulpMaatje Utrecht{PDI}" in text
    assert text.count(FSI) == text.count(PDI) == 2
    assert "Humanitas" in resident_accepted("nl", "Humanitas", due)


def test_the_texts_file_has_every_language_and_isolates_every_arabic_placeholder() -> None:
    accepted = load_texts()["resident"]["accepted"]
    assert set(accepted) == {"nl", "tr", "ar"}
    for language, template in accepted.items():
        assert "{organization}" in template and "{due}" in template, language
    for placeholder in re.findall(r"\{\w+\}", accepted["ar"]):
        assert f"{FSI}{placeholder}{PDI}" in accepted["ar"]
