"""The per-conversation lookup: language first, route and area respected, desks, gaps, age."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.socialmap import importer, models
from bot.socialmap.lookup import find_services, municipal_desk
from bot.storage.db import session_scope
from tests.unit.test_socialmap_support import (
    ROTTERDAM,
    TODAY,
    UTRECHT,
    ZAANSTAD,
    import_rows,
    service_row,
)

RECENT = (TODAY - timedelta(days=10)).isoformat()


def _desks(code: str = UTRECHT) -> list[dict[str, str]]:
    return [
        service_row(
            f"{code}-desk",
            routes="professional",
            help_kinds="debt_help; debt_settlement",
            not_done="",
            municipal_desk="true",
            municipality_codes=code,
            contact_name="Voorbeeld Consulent",
            contact_phone="030-000 0102",
            last_verified_at=RECENT,
        ),
        service_row(
            f"{code}-urgent",
            routes="urgent",
            help_kinds="crisis_intervention",
            not_done="",
            municipal_desk="true",
            municipality_codes=code,
            phone="030-000 0103",
            last_verified_at=RECENT,
        ),
    ]


def _find(url: str, **kwargs: object) -> list:
    kwargs.setdefault("municipality_code", UTRECHT)
    kwargs.setdefault("today", TODAY)
    with session_scope(url) as session:
        return find_services(session, **kwargs)


def _gaps(url: str) -> list[tuple]:
    with session_scope(url) as session:
        rows = session.scalars(select(models.Gap).order_by(models.Gap.id)).all()
        return [(g.municipality_code, g.route, g.need, g.language, g.reason) for g in rows]


def test_prefers_a_service_that_speaks_the_language(db_url: str, tmp_path: Path) -> None:
    import_rows(
        db_url,
        tmp_path,
        [
            service_row("dutch", languages="nl", waiting_days="0", last_verified_at=RECENT),
            service_row("turkish", languages="tr; nl", waiting_days="20", last_verified_at=RECENT),
        ],
    )
    turkish = _find(db_url, route="volunteer", language="tr")
    assert [m.service_id for m in turkish] == ["turkish", "dutch"]
    assert turkish[0].reason == "speaks tr; serves volunteer route; local; waits about 20 days"
    assert turkish[0].languages == ("nl", "tr")
    assert turkish[1].reason.startswith("does not speak tr")
    dutch = _find(db_url, route="volunteer", language="nl")
    assert [m.service_id for m in dutch] == ["dutch", "turkish"]  # shorter wait wins
    assert _gaps(db_url) == []


def test_only_services_of_the_route_and_area(db_url: str, tmp_path: Path) -> None:
    rows = [
        *_desks(),
        service_row("volunteer-here"),
        service_row("volunteer-rotterdam", municipality_codes=ROTTERDAM),
        service_row("self-help-here", routes="self_help"),
    ]
    import_rows(db_url, tmp_path, rows)
    assert [m.service_id for m in _find(db_url, route="volunteer")] == ["volunteer-here"]
    assert [m.service_id for m in _find(db_url, route="self_help")] == ["self-help-here"]
    assert [m.service_id for m in _find(db_url, route="professional")] == [f"{UTRECHT}-desk"]
    rotterdam = _find(db_url, route="volunteer", municipality_code=ROTTERDAM)
    assert [m.service_id for m in rotterdam] == ["volunteer-rotterdam"]


def test_regional_and_national_services_say_so(db_url: str, tmp_path: Path) -> None:
    rows = [
        service_row("local", languages="nl"),
        service_row(
            "regional",
            area_scope="regional",
            municipality_codes=f"{UTRECHT}; {ZAANSTAD}",
            area_name="Regio Voorbeeld",
        ),
        service_row("national", area_scope="national", municipality_codes=""),
    ]
    import_rows(db_url, tmp_path, rows)
    matches = _find(db_url, route="volunteer")
    assert [(m.service_id, m.scope) for m in matches] == [
        ("local", "local"),
        ("regional", "regional"),
        ("national", "national"),
    ]
    assert "regional (Regio Voorbeeld)" in matches[1].reason
    assert matches[2].reason.endswith("national")
    elsewhere = _find(db_url, route="volunteer", municipality_code="GM0014")
    assert [(m.service_id, m.scope) for m in elsewhere] == [("national", "national")]


def test_urgent_puts_the_urgent_desk_first(db_url: str, tmp_path: Path) -> None:
    import_rows(db_url, tmp_path, [*_desks(), service_row("volunteer", languages="tr; nl")])
    matches = _find(db_url, route="volunteer", language="tr", urgent=True)
    assert [m.service_id for m in matches] == [f"{UTRECHT}-urgent", "volunteer"]
    assert matches[0].reason.startswith("urgent: municipality acts within 3 working days")
    assert matches[0].phone == "+31300000103"
    assert matches[0].score > matches[1].score
    urgent_route = _find(db_url, route="urgent")
    assert [m.service_id for m in urgent_route] == [f"{UTRECHT}-urgent"]


def test_direct_contact_number_is_preferred(db_url: str, tmp_path: Path) -> None:
    import_rows(db_url, tmp_path, _desks())
    with session_scope(db_url) as session:
        desk = municipal_desk(session, UTRECHT, today=TODAY)
        urgent = municipal_desk(session, UTRECHT, urgent=True, today=TODAY)
        assert municipal_desk(session, ROTTERDAM, today=TODAY) is None
    assert (desk.service_id, desk.phone, desk.contact_name) == (
        f"{UTRECHT}-desk",
        "+31300000102",  # the consultant's line, not the desk's general number
        "Voorbeeld Consulent",
    )
    assert (urgent.service_id, urgent.phone, urgent.contact_name) == (
        f"{UTRECHT}-urgent",
        "+31300000103",
        None,
    )


def test_nothing_fits_gives_the_desk_and_records_a_gap(db_url: str, tmp_path: Path) -> None:
    import_rows(db_url, tmp_path, [*_desks(), service_row("self-help", routes="self_help")])
    matches = _find(db_url, route="volunteer", language="ar", needs=["buddy", "food"])
    assert [m.service_id for m in matches] == [f"{UTRECHT}-desk"]
    assert matches[0].reason.startswith("nothing else fits; does not speak ar")
    assert _gaps(db_url) == [
        (UTRECHT, "volunteer", "buddy", "ar", "no_service"),
        (UTRECHT, "volunteer", "food", "ar", "no_service"),
    ]


def test_unmet_needs_and_languages_are_gaps_too(db_url: str, tmp_path: Path) -> None:
    import_rows(db_url, tmp_path, [service_row("admin", help_kinds="home_administration")])
    matches = _find(db_url, route="volunteer", language="tr", needs=["home_administration", "food"])
    assert [m.service_id for m in matches] == ["admin"]
    assert "helps with home_administration" in matches[0].reason
    assert _gaps(db_url) == [
        (UTRECHT, "volunteer", "food", "tr", "need_not_met"),
        (UTRECHT, "volunteer", None, "tr", "language_not_met"),
    ]


def test_a_service_that_does_none_of_the_needs_is_left_out(db_url: str, tmp_path: Path) -> None:
    import_rows(
        db_url,
        tmp_path,
        [
            *_desks(),
            service_row("volunteer", not_done="debt_settlement; income_management"),
        ],
    )
    volunteer_route = _find(db_url, route="volunteer", needs=["debt_settlement"])
    assert [m.service_id for m in volunteer_route] == [f"{UTRECHT}-desk"]
    mixed = _find(db_url, route="volunteer", needs=["debt_settlement", "home_administration"])
    assert [m.service_id for m in mixed] == ["volunteer"]
    assert "does not do debt_settlement" in mixed[0].reason


def test_stale_entries_rank_lower_and_expired_ones_are_not_offered(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def verified(days: int) -> str:
        return (TODAY - timedelta(days=days)).isoformat()

    import_rows(
        db_url,
        tmp_path,
        [
            service_row("fresh", last_verified_at=verified(10)),
            service_row("stale", last_verified_at=verified(200)),
            service_row("expired", last_verified_at=verified(366)),
        ],
    )
    matches = _find(db_url, route="volunteer")
    assert [m.service_id for m in matches] == ["fresh", "stale"]
    assert matches[1].reason.endswith("last checked 200 days ago")
    assert matches[0].score > matches[1].score
    monkeypatch.setenv("WEGWIJS_SOCIALMAP_EXPIRE_DAYS", "100")
    assert [m.service_id for m in _find(db_url, route="volunteer")] == ["fresh"]
    monkeypatch.setenv("WEGWIJS_SOCIALMAP_EXPIRE_DAYS", "400")
    monkeypatch.setenv("WEGWIJS_SOCIALMAP_STALE_DAYS", "300")
    matches = _find(db_url, route="volunteer", limit=5)
    assert [m.service_id for m in matches] == ["fresh", "stale", "expired"]
    assert "last checked" not in matches[1].reason


def test_inactive_services_are_not_offered(db_url: str, tmp_path: Path) -> None:
    import_rows(db_url, tmp_path, [service_row("closed", status="inactive")])
    assert _find(db_url, route="volunteer") == []


def test_unknown_route_is_a_programming_error(db_url: str) -> None:
    with pytest.raises(ValueError, match="unknown route 'sanering'"):
        _find(db_url, route="sanering")


def test_the_samples_answer_each_kind_of_resident(db_url: str) -> None:
    with session_scope(db_url) as session:
        importer.load_samples(session)
    for code in (UTRECHT, ROTTERDAM, ZAANSTAD):
        turkish = _find(db_url, municipality_code=code, route="volunteer", language="tr")
        assert "tr" in turkish[0].languages and turkish[0].contact_name, code
        arabic = _find(db_url, municipality_code=code, route="volunteer", language="ar")
        assert "ar" in arabic[0].languages and arabic[0].phone, code
        food = _find(db_url, municipality_code=code, route="volunteer", needs=["food"])
        assert food[0].service_name.startswith("Voedselbank"), code
        benefits = _find(
            db_url, municipality_code=code, route="volunteer", needs=["benefits_check"]
        )
        assert benefits[0].service_name.startswith("Sociaal raadslieden"), code
        urgent = _find(db_url, municipality_code=code, route="urgent")
        assert urgent[0].service_name.startswith("Spoedlijn"), code
        professional = _find(db_url, municipality_code=code, route="professional")
        assert professional[0].service_name.startswith("Schuldhulpverlening"), code
        self_help = _find(db_url, municipality_code=code, route="self_help", limit=5)
        assert "national" in {m.scope for m in self_help}, code
    assert _gaps(db_url) == []


def test_a_regional_desk_serves_each_of_its_municipalities(db_url: str, tmp_path: Path) -> None:
    shared_desk = service_row(
        "kredietbank",
        routes="professional",
        municipal_desk="true",
        area_scope="regional",
        municipality_codes=f"{UTRECHT}; {ROTTERDAM}",
        area_name="Regio Voorbeeld",
    )
    import_rows(db_url, tmp_path, [shared_desk, *_desks(UTRECHT)])
    with session_scope(db_url) as session:
        rotterdam = municipal_desk(session, ROTTERDAM, today=TODAY)
        utrecht = municipal_desk(session, UTRECHT, today=TODAY)
        national = municipal_desk(session, ZAANSTAD, today=TODAY)
    assert (rotterdam.service_id, rotterdam.scope) == ("kredietbank", "regional")
    assert utrecht.service_id == f"{UTRECHT}-desk"  # a local desk goes before a regional one
    assert national is None
