from datetime import date, datetime, timezone

from bot.intake.deadlines import AMSTERDAM, add_working_days, due_date, is_working_day


def test_weekends_and_dutch_public_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Eerste Kerstdag
    assert not is_working_day(date(2027, 4, 27))  # Koningsdag
    assert is_working_day(date(2026, 11, 23))


def test_three_working_days_skip_christmas() -> None:
    # Wednesday 23 Dec 2026 + 3 working days: 24 Dec, (25, 26, 27 off), 28, 29 Dec.
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 29)


def test_urgent_due_date_is_end_of_the_third_working_day_in_amsterdam() -> None:
    created = datetime(2026, 11, 27, 15, 0, tzinfo=timezone.utc)  # Friday
    due = due_date("urgent", created).astimezone(AMSTERDAM)
    assert due.date() == date(2026, 12, 2)
    assert due.hour == 17


def test_volunteer_and_professional_defaults(monkeypatch) -> None:
    created = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # Monday
    assert due_date("volunteer", created).astimezone(AMSTERDAM).date() == date(2026, 11, 30)
    assert due_date("professional", created).astimezone(AMSTERDAM).date() == date(2026, 12, 21)
    monkeypatch.setenv("WEGWIJS_DUE_VOLUNTEER_WORKING_DAYS", "2")
    assert due_date("volunteer", created).astimezone(AMSTERDAM).date() == date(2026, 11, 25)
