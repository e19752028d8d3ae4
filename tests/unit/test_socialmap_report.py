"""The coordinators' report: stale and expired entries, coverage, gaps."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.socialmap.lookup import find_services
from bot.socialmap.report import build_report, render_text
from bot.storage.db import session_scope
from tests.unit.test_socialmap_support import TODAY, UTRECHT, import_rows, service_row


def _verified(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def test_report_flags_stale_and_expired_and_lists_gaps(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        service_row("desk", routes="professional", municipal_desk="true"),
        service_row("stale", last_verified_at=_verified(181), verified_by="Voorbeeld Controleur"),
        service_row("expired", last_verified_at=_verified(400)),
        service_row("national", area_scope="national", municipality_codes=""),
    ]
    import_rows(db_url, tmp_path, rows)
    with session_scope(db_url) as session:
        find_services(
            session, municipality_code=UTRECHT, route="volunteer", language="so", today=TODAY
        )
    with session_scope(db_url) as session:
        report = build_report(session, today=TODAY)
    assert [(s.service_id, s.days, s.expired) for s in report.stale] == [
        ("expired", 400, True),
        ("stale", 181, False),
    ]
    assert report.services == 4 and report.national_services == 1
    [utrecht] = report.coverage
    assert (utrecht.municipality_name, utrecht.services, utrecht.has_desk) == ("Utrecht", 3, True)
    assert utrecht.has_urgent_line is False
    assert [(g.route, g.language, g.reason, g.count) for g in report.gaps] == [
        ("volunteer", "so", "language_not_met", 1)
    ]
    text = render_text(report)
    assert "GM0344 Utrecht: 3 (self_help 0, volunteer 2, professional 1, urgent 0)" in text
    assert "MISSING: urgent line" in text
    assert "[NOT OFFERED] expired" in text
    assert "[stale] stale (Dienst stale) in GM0344: last verified" in text
    assert "by Voorbeeld Controleur, 181 days ago" in text
    monkeypatch.setenv("WEGWIJS_SOCIALMAP_STALE_DAYS", "500")
    monkeypatch.setenv("WEGWIJS_SOCIALMAP_EXPIRE_DAYS", "600")
    with session_scope(db_url) as session:
        assert build_report(session, today=TODAY).stale == []


def test_bad_setting_is_refused(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEGWIJS_SOCIALMAP_STALE_DAYS", "half a year")
    message = "WEGWIJS_SOCIALMAP_STALE_DAYS='half a year'"
    with pytest.raises(ValueError, match=message), session_scope(db_url) as session:
        build_report(session, today=TODAY)
