"""Importing and exporting the social map: CSV and HSDS, idempotent, round trips, samples."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

from sqlalchemy import select

from bot.socialmap import exporter, importer, models
from bot.socialmap.store import ImportResult
from bot.storage.db import session_scope
from tests.unit.test_socialmap_support import (
    TODAY,
    UTRECHT,
    count,
    import_rows,
    service_row,
    snapshot,
    write_sheet,
)


def _full_row() -> dict[str, str]:
    return service_row(
        "utrecht-ambassadeur",
        organization_name="Geldambassadeurs (voorbeeld)",
        agreement_with_municipality="ja",
        help_kinds="community_outreach; buddy",
        target_groups="migrants; families",
        phases="prevention; signup",
        languages="tr; ar (Darija); nl",
        phone="030 000 0110",
        contact_name="Voorbeeld Ambassadeur",
        contact_title="ambassadeur",
        contact_phone="+31 30 000 0111",
        waiting_days="3",
        location_name="Buurthuis (voorbeeld)",
        address="Voorbeeldstraat 1",
        postal_code="3511xx",
        city="Utrecht",
        walk_in_hours="ma,wo 09:00-12:00; VR 13:30-15:00",
    )


def test_csv_import_fills_every_table(db_url: str, tmp_path: Path) -> None:
    result = import_rows(db_url, tmp_path, [_full_row()])
    assert result.tables["service"].created == 1
    with session_scope(db_url) as session:
        service = session.get(models.Service, "utrecht-ambassadeur")
        assert service.routes == ["volunteer"]
        assert service.help_kinds == ["community_outreach", "buddy"]
        assert service.not_done == ["debt_settlement", "income_management"]
        assert service.target_groups == ["migrants", "families"]
        assert service.waiting_days == 3 and service.is_example
        assert service.last_verified_at == date(2026, 11, 1)
        organization = session.get(models.Organization, "org-utrecht-ambassadeur")
        assert organization.agreement_with_municipality is True
        languages = session.scalars(select(models.Language).order_by(models.Language.code)).all()
        assert [(lang.code, lang.note) for lang in languages] == [
            ("ar", "Darija"),
            ("nl", ""),
            ("tr", ""),
        ]
        phones = {p.number: p.contact_id for p in session.scalars(select(models.Phone))}
        contact_id = "utrecht-ambassadeur-contact"
        assert phones == {"+31300000110": None, "+31300000111": contact_id}
        assert session.get(models.Contact, contact_id).name == "Voorbeeld Ambassadeur"
        area = session.scalars(select(models.ServiceArea)).one()
        assert (area.scope, area.municipality_code) == ("local", UTRECHT)
        location = session.scalars(select(models.Location)).one()
        assert location.postal_code == "3511 XX"
        schedules = session.scalars(select(models.Schedule).order_by(models.Schedule.id)).all()
        assert [(s.byday, s.opens_at, s.closes_at) for s in schedules] == [
            ("MO,WE", time(9), time(12)),
            ("FR", time(13, 30), time(15)),
        ]
        assert all(s.location_id == location.id for s in schedules)


def test_csv_with_semicolon_columns_as_dutch_excel_saves_it(db_url: str, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "excel.csv", [_full_row()], delimiter=";")
    with session_scope(db_url) as session:
        importer.import_file(session, path, today=TODAY)
    assert count(db_url, models.Language) == 3


def test_same_file_twice_adds_nothing(db_url: str, tmp_path: Path) -> None:
    rows = [_full_row(), service_row("utrecht-b", organization_id="org-utrecht-ambassadeur")]
    rows[1]["organization_name"] = rows[0]["organization_name"]
    rows[1]["agreement_with_municipality"] = "ja"
    import_rows(db_url, tmp_path, rows)
    before = snapshot(db_url)
    second = import_rows(db_url, tmp_path, rows)
    assert str(second.tables["service"]) == "0 created, 0 updated, 2 unchanged"
    assert second.tables["organization"].unchanged == 1
    assert snapshot(db_url) == before


def test_changed_rows_update_in_place(db_url: str, tmp_path: Path) -> None:
    import_rows(db_url, tmp_path, [_full_row(), service_row("other")])
    changed = _full_row()
    changed.update(languages="tr; nl", waiting_days="10", contact_name="Voorbeeld Opvolger")
    result = import_rows(db_url, tmp_path, [changed, service_row("other")])
    assert str(result.tables["service"]) == "0 created, 1 updated, 1 unchanged"
    with session_scope(db_url) as session:
        service = session.get(models.Service, "utrecht-ambassadeur")
        assert service.waiting_days == 10
        codes = set(
            session.scalars(
                select(models.Language.code).where(
                    models.Language.service_id == "utrecht-ambassadeur"
                )
            )
        )
        assert codes == {"tr", "nl"}
        assert session.get(models.Contact, "utrecht-ambassadeur-contact").name == (
            "Voorbeeld Opvolger"
        )
    assert count(db_url, models.Service) == 2


def test_a_change_only_in_a_child_row_counts_as_updated(db_url: str, tmp_path: Path) -> None:
    import_rows(db_url, tmp_path, [_full_row()])
    changed = _full_row()
    changed["walk_in_hours"] = "di 10:00-11:00"
    result = import_rows(db_url, tmp_path, [changed])
    assert result.tables["service"].updated == 1
    assert count(db_url, models.Schedule) == 1


def _document(**overrides: object) -> dict:
    document = {
        "organizations": [{"id": "landelijk", "name": "Landelijke lijn (voorbeeld)"}],
        "services": [
            {
                "id": "landelijk-lijn",
                "organization_id": "landelijk",
                "name": "Geldlijn (voorbeeld)",
                "routes": ["self_help", "volunteer"],
                "help_kinds": ["information", "phone_advice"],
                "last_verified_at": "2026-11-12",
                "verified_by": "Voorbeeld Coördinator",
                "is_example": True,
            }
        ],
        "service_areas": [
            {"id": "landelijk-nl", "service_id": "landelijk-lijn", "scope": "national"}
        ],
        "languages": [{"id": "landelijk-nl", "service_id": "landelijk-lijn", "code": "nl"}],
        "phones": [
            {"id": "landelijk-tel", "service_id": "landelijk-lijn", "number": "0800-0000400"}
        ],
    }
    document.update(overrides)
    return document


def test_hsds_import(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    with session_scope(db_url) as session:
        result = importer.import_file(session, path, today=TODAY)
    assert result.tables["service"].created == 1
    with session_scope(db_url) as session:
        area = session.get(models.ServiceArea, "landelijk-nl")
        assert (area.scope, area.municipality_code) == ("national", None)
        assert session.get(models.Phone, "landelijk-tel").number == "+318000000400"
        assert session.get(models.Language, "landelijk-nl").name == "Nederlands"


def _export_then_import(url: str, tmp_path: Path, fmt: str) -> tuple[ImportResult, dict]:
    before = snapshot(url)
    with session_scope(url) as session:
        out, warnings = exporter.export_file(session, fmt, tmp_path)
    assert warnings == []
    with session_scope(url) as session:
        result = importer.import_file(session, out, today=TODAY)
    return result, before


def test_export_import_round_trip_changes_nothing(db_url: str, tmp_path: Path) -> None:
    with session_scope(db_url) as session:
        importer.load_samples(session)
    for fmt in ("hsds", "csv"):
        result, before = _export_then_import(db_url, tmp_path, fmt)
        assert result.tables["service"].updated == 0, fmt
        assert result.tables["service"].unchanged == 29
        assert snapshot(db_url) == before, fmt


def test_export_into_an_empty_database_restores_the_map(
    db_url: str, sqlite_url: str, tmp_path: Path
) -> None:
    with session_scope(db_url) as session:
        importer.load_samples(session)
        text, _ = exporter.export_text(session, "hsds")
    document = json.loads(text)
    assert document["meta"]["format"] == "wegwijs-socialmap-hsds"
    path = tmp_path / "copy.json"
    path.write_text(text, encoding="utf-8")
    with session_scope(sqlite_url) as session:
        importer.import_file(session, path, today=TODAY)
    source, copy = snapshot(db_url), snapshot(sqlite_url)
    for table in source:
        assert len(source[table]) == len(copy[table]), table


def test_csv_export_warns_about_what_does_not_fit(db_url: str, tmp_path: Path) -> None:
    document = _document(
        contacts=[
            {"id": "c1", "service_id": "landelijk-lijn", "name": "Voorbeeld Een"},
            {"id": "c2", "service_id": "landelijk-lijn", "name": "Voorbeeld Twee"},
        ]
    )
    path = tmp_path / "map.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with session_scope(db_url) as session:
        importer.import_file(session, path, today=TODAY)
        text, warnings = exporter.export_text(session, "csv")
    assert warnings == ["service 'landelijk-lijn': the sheet holds one contact, left out c2"]
    assert "Voorbeeld Een" in text and "Voorbeeld Twee" not in text


def test_load_samples_is_idempotent_and_all_examples(db_url: str) -> None:
    with session_scope(db_url) as session:
        first = importer.load_samples(session)
    before = snapshot(db_url)
    with session_scope(db_url) as session:
        second = importer.load_samples(session)
    assert first.tables["service"].created == 29
    assert second.tables["service"].unchanged == 29
    assert snapshot(db_url) == before
    with session_scope(db_url) as session:
        services = session.scalars(select(models.Service)).all()
        assert all(service.is_example for service in services)
        names = session.scalars(select(models.Contact.name)).all()
        assert names and all(name.startswith("Voorbeeld ") for name in names)
        areas = session.scalars(select(models.ServiceArea.municipality_code)).all()
        assert {"GM0344", "GM0599", "GM0479", None} <= set(areas)
