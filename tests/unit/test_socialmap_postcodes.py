"""PC4 table import and the postcode resolver (database first, shipped CSV after)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.socialmap import models
from bot.socialmap.postcodes import (
    import_pc4,
    municipality_for_postcode,
    resolve_municipality,
)
from bot.socialmap.records import SocialMapFileError
from bot.storage.db import session_scope
from tests.unit.test_socialmap_support import count, snapshot


def _import(url: str, path: Path) -> str:
    with session_scope(url) as session:
        return str(import_pc4(session, path))


def test_simple_table_and_db_first_lookup(db_url: str, tmp_path: Path) -> None:
    with session_scope(db_url) as session:  # before any import: the shipped CSV answers
        assert municipality_for_postcode(session, "3511 AB").code == "GM0344"
        assert municipality_for_postcode(session, "9711") is None
    path = tmp_path / "pc4.csv"
    path.write_text("pc4,code\n9711,GM0014\n3511,GM0599\n", encoding="utf-8")
    assert _import(db_url, path) == (
        "2 PC4 areas in 2 municipalities"
        " (0 on a border, assigned to the municipality with most rows)"
    )
    with session_scope(db_url) as session:
        assert municipality_for_postcode(session, "9711ab").code == "GM0014"
        assert municipality_for_postcode(session, "3511 AB").code == "GM0599"  # the DB wins
        assert municipality_for_postcode(session, "1506 XX").code == "GM0479"  # CSV fallback
        assert municipality_for_postcode(session, "not a postcode") is None
        assert resolve_municipality(session, "Zaandam").code == "GM0479"
        assert resolve_municipality(session, "9711").code == "GM0014"


def test_cbs_style_per_address_file_takes_the_majority(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "pc6hnr.csv"
    path.write_text(
        "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n"
        "1234AB;1;03440101;034401;344\n"
        "1234AB;3;03440101;034401;344\n"
        "1234AC;5;05990101;059901;0599\n"
        "9711CD;7;00140101;001401;GM0014\n",
        encoding="utf-8",
    )
    assert _import(db_url, path).startswith("2 PC4 areas in 2 municipalities (1 on a border")
    with session_scope(db_url) as session:
        assert session.get(models.PostcodeArea, "1234").municipality_code == "GM0344"
        assert session.get(models.PostcodeArea, "1234").source == "pc6hnr.csv"


def test_reimport_replaces_the_table(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "pc4.csv"
    path.write_text("pc4,code\n9711,GM0014\n9712,GM0014\n", encoding="utf-8")
    _import(db_url, path)
    path.write_text("pc4,code\n9711,GM0014\n", encoding="utf-8")
    _import(db_url, path)
    assert count(db_url, models.PostcodeArea) == 1


def test_bad_rows_are_named_and_change_nothing(db_url: str, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("pc4,code\n9711,GM0014\n", encoding="utf-8")
    _import(db_url, good)
    before = count(db_url, models.PostcodeArea), snapshot(db_url)
    bad = tmp_path / "bad.csv"
    bad.write_text("postcode,gemeentecode\n9712,GM0014\n0123,GM0014\n9713,GM9999\n")
    with pytest.raises(SocialMapFileError) as caught, session_scope(db_url) as session:
        import_pc4(session, bad)
    assert [str(p) for p in caught.value.problems] == [
        "bad.csv, line 3, field 'postcode': '0123' is not a Dutch postcode",
        "bad.csv, line 4, field 'gemeentecode': unknown municipality code 'GM9999'",
    ]
    assert (count(db_url, models.PostcodeArea), snapshot(db_url)) == before
    header = tmp_path / "header.csv"
    header.write_text("zip,town\n1234,x\n")
    with pytest.raises(SocialMapFileError, match=r"header.csv, line 1: header needs"):
        _import(db_url, header)
