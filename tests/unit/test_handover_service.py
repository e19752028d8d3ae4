"""Handover creation against SQLite and the real PostgreSQL server."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from bot.handover.models import Handover, HandoverStatusEvent
from bot.handover.service import (
    HandoverError,
    HandoverRequest,
    create_handover,
    normalise_phone,
    submit_handover,
)
from bot.intake.triage import Route
from bot.privacy.sealing import unseal
from bot.storage.db import session_scope
from tests.fakes.handovers import handover_request


def _request(**changes: object) -> HandoverRequest:
    """One fixed conversation in Turkish, so repeated calls are the same intake."""
    fields: dict[str, object] = {"conversation_id": "conversation-1", "language": "tr"}
    fields.update(changes)
    return handover_request(**fields)


def _count(url: str) -> int:
    with session_scope(url) as session:
        return session.execute(select(func.count()).select_from(Handover)).scalar_one()


def test_a_handover_is_stored_once_with_sealed_contact_and_history(db_url: str) -> None:
    with session_scope(db_url) as session:
        handover, created = create_handover(session, _request())
        handover_id = handover.id
    assert created
    with session_scope(db_url) as session:
        stored = session.get(Handover, handover_id)
        assert stored.contact_encrypted != "+31612345678"
        assert "0612345678" not in stored.contact_encrypted
        assert unseal(stored.contact_encrypted) == "+31612345678"
        assert stored.status == "new"
        assert stored.consent_text_version.endswith("/tr")
        assert stored.due_at > stored.created_at
        events = session.execute(select(HandoverStatusEvent)).scalars().all()
        assert [(event.handover_id, event.status) for event in events] == [(handover_id, "new")]


def test_the_same_intake_confirmed_twice_gives_one_handover(db_url: str) -> None:
    first, created_first = submit_handover(_request(), db_url)
    second, created_second = submit_handover(_request(), db_url)
    assert (created_first, created_second) == (True, False)
    assert first.id == second.id
    assert _count(db_url) == 1
    submit_handover(_request(intake_id="intake-2"), db_url)
    assert _count(db_url) == 2


def test_concurrent_duplicates_still_give_one_handover(db_url: str) -> None:
    results: list[str] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            results.append(submit_handover(_request(intake_id="race"), db_url)[0].id)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert _count(db_url) == 1


def test_urgent_handover_is_flagged_with_its_threats(db_url: str) -> None:
    handover, _ = submit_handover(
        _request(route=Route.URGENT, threats=("eviction", "eviction")), db_url
    )
    assert handover.urgent is True
    assert handover.threats == ["eviction"]


def test_no_consent_or_bad_fields_store_nothing(db_url: str) -> None:
    for bad in (
        _request(consent_given=False),
        _request(channel="fax"),
        _request(contact_method="pigeon"),
        _request(language="en"),
        _request(contact_value="  "),
    ):
        with pytest.raises(HandoverError):
            submit_handover(bad, db_url)
    assert _count(db_url) == 0


def test_phone_numbers_dutch_and_international() -> None:
    assert normalise_phone("06 12345678") == "+31612345678"
    assert normalise_phone("0612345678") == "+31612345678"
    assert normalise_phone("+32 470 12 34 56") == "+32470123456"
    assert normalise_phone("030-2345678") == "+31302345678"
    assert normalise_phone("12345") is None
    assert normalise_phone("bel me maar") is None
