"""Community meetings: codes, the intake window, and ``wegwijs meeting``."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.ambassador.meetings import (
    CODE_PATTERN,
    MeetingError,
    create_meeting,
    find_meeting,
    list_meetings,
    normalise_code,
    open_for_intakes,
    today_in_amsterdam,
)
from bot.ambassador.models import Meeting
from bot.cli.main import main as wegwijs
from bot.storage import migrate
from bot.storage import models as all_models
from bot.storage.base import Base
from bot.storage.db import get_engine, session_scope

DAY = date(2026, 12, 5)
OUR_TABLES = {"meeting", "webchat_reply"}


def _ours(obj: object, name: str, type_: str, _reflected: bool, _compare_to: object) -> bool:
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table in OUR_TABLES


def _tables(url: str) -> set[str]:
    with get_engine(url).connect() as connection:
        return set(inspect(connection).get_table_names())


def test_migration_0005_matches_the_models(db_url: str) -> None:
    assert all_models.webchat_models, "bot.storage.models registers the web chat tables"
    with get_engine(db_url).connect() as connection:
        options = {"compare_type": True, "include_object": _ours}
        context = MigrationContext.configure(connection, opts=options)
        assert compare_metadata(context, Base.metadata) == []


def test_migration_0005_downgrades_and_upgrades(db_url: str) -> None:
    migrate.downgrade(db_url, "0004_channels")
    assert not OUR_TABLES & _tables(db_url)
    migrate.upgrade(db_url)
    assert _tables(db_url) >= OUR_TABLES


def test_a_meeting_gets_a_readable_code_and_a_real_municipality(db_url: str) -> None:
    with session_scope(db_url) as session:
        meeting = create_meeting(session, "gm0344", "tr", DAY)
        code = meeting.code
    assert CODE_PATTERN.match(code), code
    assert code.startswith("TR-")
    assert not set(code[3:]) & set("01OIL"), "look-alike characters make codes hard to type"
    with session_scope(db_url) as session:
        stored = session.get(Meeting, code)
        assert (stored.municipality_code, stored.community, stored.date) == ("GM0344", "tr", DAY)


def test_codes_are_unique_and_listed_newest_first(db_url: str) -> None:
    with session_scope(db_url) as session:
        codes = {create_meeting(session, "GM0344", "ma", DAY).code for _ in range(20)}
        create_meeting(session, "GM0363", "tr", date(2027, 1, 9))
    assert len(codes) == 20
    with session_scope(db_url) as session:
        meetings = list_meetings(session)
        assert meetings[0].date == date(2027, 1, 9)
        assert len(list_meetings(session, since=date(2027, 1, 1))) == 1


@pytest.mark.parametrize(
    ("municipality", "community", "problem"),
    [
        ("GM9999", "tr", "municipality"),
        ("Utrecht", "tr", "municipality"),
        ("GM0344", "pl", "community"),
    ],
)
def test_bad_meetings_are_refused(
    sqlite_url: str, municipality: str, community: str, problem: str
) -> None:
    with session_scope(sqlite_url) as session, pytest.raises(MeetingError, match=problem):
        create_meeting(session, municipality, community, DAY)


def test_typed_codes_are_found_however_they_are_typed(sqlite_url: str) -> None:
    with session_scope(sqlite_url) as session:
        code = create_meeting(session, "GM0344", "tr", DAY).code
    typed = [code, code.lower(), code.replace("-", ""), f"  {code.lower().replace('-', ' ')} "]
    with session_scope(sqlite_url) as session:
        for text in typed:
            assert normalise_code(text) == code
            assert find_meeting(session, text) is not None, text
        assert find_meeting(session, "TR-AAAAAA") is None
        assert find_meeting(session, "'; drop table meeting; --") is None


def test_intakes_are_open_from_the_day_before_to_three_days_after() -> None:
    meeting = Meeting(code="TR-ABCDEF", municipality_code="GM0344", community="tr", date=DAY)
    assert not open_for_intakes(meeting, date(2026, 12, 3))
    assert open_for_intakes(meeting, date(2026, 12, 4))
    assert open_for_intakes(meeting, DAY)
    assert open_for_intakes(meeting, date(2026, 12, 8))
    assert not open_for_intakes(meeting, date(2026, 12, 9))


def test_the_meeting_day_is_a_dutch_calendar_day() -> None:
    late_evening_utc = datetime(2026, 12, 4, 23, 30, tzinfo=timezone.utc)
    assert today_in_amsterdam(late_evening_utc) == DAY


def test_cli_creates_lists_and_shows_meetings(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", sqlite_url)
    assert (
        wegwijs(
            [
                "meeting",
                "create",
                "--municipality",
                "GM0344",
                "--community",
                "ma",
                "--date",
                "2026-12-05",
            ]
        )
        == 0
    )
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert CODE_PATTERN.match(code)
    assert wegwijs(["meeting", "list"]) == 0
    assert code in capsys.readouterr().out
    assert wegwijs(["meeting", "show", code.lower()]) == 0
    assert "0 handover(s)" in capsys.readouterr().out
    assert wegwijs(["meeting", "show", "MA-ZZZZZZ"]) == 2
    assert "no meeting" in capsys.readouterr().err
    assert (
        wegwijs(
            [
                "meeting",
                "create",
                "--municipality",
                "GM9999",
                "--community",
                "tr",
                "--date",
                "2026-12-05",
            ]
        )
        == 2
    )
    with pytest.raises(SystemExit):
        wegwijs(
            [
                "meeting",
                "create",
                "--municipality",
                "GM0344",
                "--community",
                "tr",
                "--date",
                "5 december",
            ]
        )
