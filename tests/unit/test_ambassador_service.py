"""Ambassador sign-in and the overview of handovers made at a meeting."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from bot.ambassador.meetings import create_meeting
from bot.ambassador.service import SignInError, meeting_handovers, sign_in
from bot.api.tokens import authenticate, create_token, revoke_token
from bot.handover.models import AmbassadorNotification, Handover
from bot.handover.service import create_handover
from bot.handover.status import change_status
from bot.storage.db import session_scope
from tests.fakes.handovers import handover_request

DAY = date(2026, 12, 5)


def _handover(
    session: Session, intake: str, ambassador: str | None, meeting: str | None
) -> Handover:
    handover, _created = create_handover(
        session,
        handover_request(
            conversation_id="conversation-1",
            intake_id=intake,
            channel="ambassador" if ambassador else "web",
            language="tr",
            referrer_ambassador_id=ambassador,
            referrer_meeting_code=meeting,
        ),
    )
    return handover


@pytest.fixture()
def setting(db_url: str) -> dict[str, str]:
    with session_scope(db_url) as session:
        _row, token = create_token(session, "ambassador", name="Fatima B.")
        _row, other = create_token(session, "ambassador", name="Ahmet K.")
        _row, partner = create_token(session, "organization", subject="org-1")
        code = create_meeting(session, "GM0344", "tr", DAY).code
        other_code = create_meeting(session, "GM0344", "tr", DAY).code
    return {
        "url": db_url,
        "token": token,
        "other": other,
        "partner": partner,
        "code": code,
        "other_code": other_code,
    }


def test_an_ambassador_signs_in_with_token_and_meeting_code(setting: dict[str, str]) -> None:
    with session_scope(setting["url"]) as session:
        signed_in = sign_in(session, setting["token"], setting["code"].lower(), DAY)
    assert signed_in.ambassador_id == "fatima-b"
    assert signed_in.name == "Fatima B."
    assert signed_in.meeting_code == setting["code"]
    assert signed_in.municipality_name == "Utrecht"
    assert signed_in.open_for_intakes
    document = signed_in.as_json()
    assert document["meeting_date"] == "2026-12-05"
    assert setting["token"] not in str(document)


@pytest.mark.parametrize(
    ("token_key", "code_key", "reason"),
    [
        ("partner", "code", "token"),
        ("bogus", "code", "token"),
        ("token", "bogus", "meeting"),
    ],
)
def test_wrong_tokens_and_codes_are_refused_with_a_reason(
    setting: dict[str, str], token_key: str, code_key: str, reason: str
) -> None:
    values = dict(setting, bogus="wgw_nothing-like-a-real-token")
    with session_scope(setting["url"]) as session, pytest.raises(SignInError) as error:
        sign_in(session, values[token_key], values[code_key], DAY)
    assert error.value.reason == reason


def test_a_revoked_token_stops_working_at_once(setting: dict[str, str]) -> None:
    with session_scope(setting["url"]) as session:
        assert sign_in(session, setting["token"], setting["code"], DAY)
        revoke_token(session, authenticate(session, setting["token"]).token_id)
    with session_scope(setting["url"]) as session, pytest.raises(SignInError, match="revoked"):
        sign_in(session, setting["token"], setting["code"], DAY)


def test_after_the_meeting_only_the_overview_remains(setting: dict[str, str]) -> None:
    later = date(2027, 1, 10)
    with session_scope(setting["url"]) as session:
        with pytest.raises(SignInError) as error:
            sign_in(session, setting["token"], setting["code"], later)
        assert error.value.reason == "closed"
        overview = sign_in(session, setting["token"], setting["code"], later, for_intake=False)
    assert not overview.open_for_intakes


def test_the_overview_shows_own_handovers_at_the_meeting_with_current_status(
    setting: dict[str, str],
) -> None:
    code = setting["code"]
    with session_scope(setting["url"]) as session:
        first = _handover(session, "intake-1", "fatima-b", code)
        second = _handover(session, "intake-2", "fatima-b", code)
        _handover(session, "intake-3", "fatima-b", setting["other_code"])  # other meeting
        _handover(session, "intake-4", "ahmet-k", code)  # other ambassador
        _handover(session, "intake-5", None, None)  # no referrer
        change_status(session, first, "accepted", actor="organization:org-1")
        first_id, second_id = first.id, second.id
    with session_scope(setting["url"]) as session:
        lines = meeting_handovers(session, "fatima-b", code)
    by_reference = {line.reference: line for line in lines}
    assert set(by_reference) == {first_id[:8].upper(), second_id[:8].upper()}
    accepted = by_reference[first_id[:8].upper()]
    assert accepted.status == "accepted"
    assert accepted.updated, "news the ambassador has not seen yet is flagged"
    assert accepted.status_changed_at >= accepted.created_at
    assert by_reference[second_id[:8].upper()].status == "new"
    document = accepted.as_json()
    assert "+316" not in str(document) and "contact" not in document


def test_showing_the_overview_marks_the_news_seen(setting: dict[str, str]) -> None:
    code = setting["code"]
    with session_scope(setting["url"]) as session:
        handover = _handover(session, "intake-1", "fatima-b", code)
        change_status(session, handover, "accepted", actor="organization:org-1")
    with session_scope(setting["url"]) as session:
        assert [line.updated for line in meeting_handovers(session, "fatima-b", code)] == [True]
    with session_scope(setting["url"]) as session:
        assert [line.updated for line in meeting_handovers(session, "fatima-b", code)] == [False]
        unread = session.query(AmbassadorNotification).filter_by(read_at=None).count()
    assert unread == 0
