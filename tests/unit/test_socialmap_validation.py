"""Bad import files: every problem names file, line (or JSON path) and field; nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.socialmap import importer
from bot.socialmap.records import SocialMapFileError
from bot.storage.db import session_scope
from tests.unit.test_socialmap_support import (
    TODAY,
    import_rows,
    service_row,
    snapshot,
    write_sheet,
)


def _problems(url: str, path: Path) -> list[str]:
    with pytest.raises(SocialMapFileError) as caught, session_scope(url) as session:
        importer.import_file(session, path, today=TODAY)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture()
def stored(db_url: str, tmp_path: Path) -> dict:
    """A database that already holds a map, and its snapshot."""
    import_rows(db_url, tmp_path, [service_row("existing"), service_row("other")])
    return snapshot(db_url)


def test_each_bad_cell_is_named_and_nothing_changes(
    db_url: str, tmp_path: Path, stored: dict
) -> None:
    rows = [
        service_row("existing", waiting_days="5"),  # a valid change that must not land
        service_row("bad-route", routes="volunteer; vrijwilliger"),
        service_row("bad-phone", phone="12345"),
        service_row("bad-date", last_verified_at="01-11-2026"),
        service_row("bad-code", municipality_codes="GM9999"),
        service_row("bad-language", languages="nl; xx"),
        service_row("future", last_verified_at="2027-01-01"),
        service_row("bad-walk-in", walk_in_hours="maandagochtend"),
        service_row("bad-kind", help_kinds="food", not_done="food"),
    ]
    problems = _problems(db_url, write_sheet(tmp_path / "map.csv", rows))
    assert problems == [
        "map.csv, line 3, field 'routes': unknown route 'vrijwilliger' (allowed: self_help, "
        "volunteer, professional, urgent)",
        "map.csv, line 4, field 'phone': '12345' is not a valid phone number (region NL)",
        "map.csv, line 5, field 'last_verified_at': '01-11-2026' is not a date in the form "
        "YYYY-MM-DD",
        "map.csv, line 6, field 'municipality_codes': unknown municipality code 'GM9999' "
        "(expected a CBS code like GM0344)",
        "map.csv, line 7, field 'languages': 'xx' is not an ISO 639-1 language code "
        "(e.g. nl, tr, ar)",
        "map.csv, line 8, field 'last_verified_at': lies in the future",
        "map.csv, line 9, field 'walk_in_hours': 'maandagochtend' is not like 'ma,wo 09:00-12:00'",
        "map.csv, line 10, field 'not_done': says it both does and does not do ['food']",
    ]
    assert snapshot(db_url) == stored


def test_structure_problems(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "map.csv"
    path.write_text("service_id,service_name,colour\nx,y,z\n", encoding="utf-8")
    problems = _problems(db_url, path)
    assert (
        problems[0]
        == "map.csv, line 1, field 'colour': unknown column (see data/socialmap/README.md)"
    )
    assert "map.csv, line 1, field 'routes': required column is missing" in problems


def test_duplicates_and_disagreeing_rows(db_url: str, tmp_path: Path) -> None:
    same_org = {"organization_id": "org", "organization_name": "Organisatie"}
    rows = [
        service_row("same", **same_org),
        service_row("same", **same_org),
        service_row("third", **{**same_org, "organization_name": "Andere naam"}),
        service_row("empty", service_name="", verified_by=""),
    ]
    problems = _problems(db_url, write_sheet(tmp_path / "map.csv", rows))
    assert (
        "map.csv, line 4, field 'organization_name': differs from line 2 for organization "
        "'org' ('Organisatie' there, 'Andere naam' here)" in problems
    )
    assert (
        "map.csv, line 3, field 'service_id': service id 'same' is also used at map.csv, line 2"
        in problems
    )
    assert "map.csv, line 5, field 'service_name': is required" in problems
    assert "map.csv, line 5, field 'verified_by': is required" in problems


def test_area_rules(db_url: str, tmp_path: Path) -> None:
    rows = [
        service_row("two-local", municipality_codes="GM0344; GM0599"),
        service_row("national-with-code", area_scope="national"),
        service_row("regional-without", area_scope="regional", municipality_codes=""),
    ]
    problems = _problems(db_url, write_sheet(tmp_path / "map.csv", rows))
    assert problems == [
        "map.csv, line 2, field 'municipality_codes': a local service has one municipality code; "
        "use regional for several",
        "map.csv, line 3, field 'municipality_codes': a national area has no municipality code",
        "map.csv, line 4, field 'municipality_codes': a regional area needs a municipality code",
    ]


def _write_json(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def test_json_problems_name_the_path(db_url: str, tmp_path: Path, stored: dict) -> None:
    document = {
        "organizations": [{"id": "org", "name": "Org"}],
        "services": [
            {
                "id": "svc",
                "organization_id": "org",
                "name": "Dienst",
                "routes": ["volunteer", "sanering"],
                "rotues": ["volunteer"],
                "last_verified_at": "2026-13-01",
                "verified_by": "Voorbeeld",
            },
            {
                "id": "orphan",
                "organization_id": "nobody",
                "name": "X",
                "routes": ["urgent"],
                "last_verified_at": "2026-11-01",
                "verified_by": "Voorbeeld",
            },
        ],
        "service_areas": [
            {"id": "a", "service_id": "svc", "scope": "local", "municipality_code": "GM0344"}
        ],
        "languages": [
            {"id": "l", "service_id": "svc", "code": "nl"},
            {"id": "l2", "service_id": "ghost", "code": "nl"},
        ],
        "contacts": [{"id": "c", "service_id": "svc", "name": "Voorbeeld Persoon"}],
        "phones": [
            {"id": "p", "service_id": "svc", "contact_id": "elsewhere", "number": "030-0000101"}
        ],
        "colours": [],
    }
    problems = _problems(db_url, _write_json(tmp_path, document))
    assert problems == [
        "map.json, $.colours: unknown array",
        "map.json, $.services[0].rotues: unknown field",
        "map.json, $.services[0].routes: unknown route 'sanering' (allowed: self_help, "
        "volunteer, professional, urgent)",
        "map.json, $.services[0].last_verified_at: '2026-13-01' is not a date in the form "
        "YYYY-MM-DD",
        "map.json, $.services[1].organization_id: organization 'nobody' is not in the file",
        "map.json, $.languages[1].service_id: service 'ghost' is not in the file",
        "map.json, $.phones[0].contact_id: contact 'elsewhere' is not a contact of this "
        "phone's service",
        "map.json, $.services[1]: service 'orphan' has no service area",
        "map.json, $.services[1]: service 'orphan' has no language",
    ]
    assert snapshot(db_url) == stored


def test_json_syntax_error_names_line_and_column(db_url: str, tmp_path: Path) -> None:
    problems = _problems(db_url, _write_json(tmp_path, '{\n  "services": [\n    {"id": }\n]}'))
    assert problems == ["map.json, line 3 column 12: not valid JSON: Expecting value"]


def test_a_child_id_owned_by_another_service_is_refused(
    db_url: str, tmp_path: Path, stored: dict
) -> None:
    document = {
        "organizations": [{"id": "org", "name": "Org"}],
        "services": [
            {
                "id": "new",
                "organization_id": "org",
                "name": "Nieuw",
                "routes": ["volunteer"],
                "last_verified_at": "2026-11-01",
                "verified_by": "Voorbeeld",
            }
        ],
        "service_areas": [
            {
                "id": "existing-area-GM0344",
                "service_id": "new",
                "scope": "local",
                "municipality_code": "GM0344",
            }
        ],
        "languages": [{"id": "new-nl", "service_id": "new", "code": "nl"}],
    }
    problems = _problems(db_url, _write_json(tmp_path, document))
    assert problems == [
        "map.json, $.service_areas[0].id: service_area id 'existing-area-GM0344' already "
        "belongs to service 'existing'"
    ]
    assert snapshot(db_url) == stored


def test_unknown_format(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    path.write_bytes(b"PK")
    assert _problems(db_url, path) == ["map.xlsx: unknown format: name the file .csv or .json"]


def test_an_empty_list_is_not_a_route_and_a_bad_id_is_named_once(
    db_url: str, tmp_path: Path
) -> None:
    rows = [service_row("no-routes", routes=";"), service_row("bad id", organization_id="org")]
    problems = _problems(db_url, write_sheet(tmp_path / "map.csv", rows))
    assert problems == [
        "map.csv, line 2, field 'routes': is required",
        "map.csv, line 3, field 'service_id': 'bad id' is not a usable id "
        "(letters, digits and . _ : - only, at most 64)",
    ]
