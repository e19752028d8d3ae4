"""``wegwijs socialmap ...`` and ``wegwijs geo ...`` as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.socialmap import models
from tests.unit.test_socialmap_support import count, service_row, snapshot, write_sheet


@pytest.fixture()
def url(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", db_url)
    return db_url


def test_load_samples_twice_then_report(url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["socialmap", "load-samples"]) == 0
    assert "service: 29 created" in capsys.readouterr().out
    assert main(["socialmap", "load-samples"]) == 0
    assert "service: 0 created, 0 updated, 29 unchanged" in capsys.readouterr().out
    assert count(url, models.Service) == 29
    assert main(["socialmap", "report", "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "GM0344 Utrecht: 9 (self_help 1, volunteer 7, professional 2, urgent 1)" in out
    assert "[stale] rotterdam-budgetcafe" in out
    assert main(["socialmap", "report", "--today", "2026-11-23", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["services"] == 29


def test_import_export_round_trip(url: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    sheet = write_sheet(tmp_path / "map.csv", [service_row("a"), service_row("b")])
    assert main(["socialmap", "import", str(sheet)]) == 0
    assert "service: 2 created" in capsys.readouterr().out
    for fmt, name in (("hsds", "out.json"), ("csv", "out.csv")):
        out = tmp_path / name
        assert main(["socialmap", "export", "--format", fmt, "--out", str(out)]) == 0
        assert f"to {out}" in capsys.readouterr().out
        assert main(["socialmap", "import", str(out)]) == 0
        assert "service: 0 created, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_bad_file_prints_every_problem_and_exits_2(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    main(["socialmap", "import", str(write_sheet(tmp_path / "ok.csv", [service_row("a")]))])
    before = snapshot(url)
    capsys.readouterr()
    rows = [service_row("a", waiting_days="2"), service_row("b", phone="06-123")]
    rows.append(service_row("c", routes="sanering"))
    assert main(["socialmap", "import", str(write_sheet(tmp_path / "bad.csv", rows))]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "bad.csv, line 3, field 'phone': '06-123' is not a valid phone number (region NL)",
        "bad.csv, line 4, field 'routes': unknown route 'sanering' (allowed: self_help, "
        "volunteer, professional, urgent)",
        "wegwijs: bad.csv: 2 problem(s) found, nothing was imported",
    ]
    assert snapshot(url) == before
    assert main(["socialmap", "import", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: no such file" in capsys.readouterr().err


def test_find_is_read_only(url: str, capsys: pytest.CaptureFixture) -> None:
    main(["socialmap", "load-samples"])
    capsys.readouterr()
    command = ["socialmap", "find", "--municipality", "3511 AB", "--route", "volunteer"]
    assert main([*command, "--language", "tr"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("GM0344 Utrecht, route volunteer, language tr")
    assert "Voorbeeld Ambassadeur (Turks), +31300000109; speaks tr" in out
    assert main([*command, "--language", "so"]) == 0  # a gap, but only a trial
    assert count(url, models.Gap) == 0
    assert main(["socialmap", "find", "--municipality", "Atlantis", "--route", "urgent"]) == 2
    assert "'Atlantis' is not a municipality or postcode" in capsys.readouterr().err


def test_geo_import_pc4_and_resolve(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    table = tmp_path / "pc4.csv"
    table.write_text("pc4,code\n9711,GM0014\n", encoding="utf-8")
    assert main(["geo", "import-pc4", str(table)]) == 0
    assert "1 PC4 areas in 1 municipalities" in capsys.readouterr().out
    assert main(["geo", "resolve", "9711 AB"]) == 0
    assert capsys.readouterr().out == "GM0014 Groningen (Groningen)\n"
    bad = tmp_path / "bad.csv"
    bad.write_text("pc4,code\n9711,GM9999\n", encoding="utf-8")
    assert main(["geo", "import-pc4", str(bad)]) == 2
    assert "bad.csv, line 2, field 'code': unknown municipality code 'GM9999'" in (
        capsys.readouterr().err
    )
    assert count(url, models.PostcodeArea) == 1


def test_unmigrated_database_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["socialmap", "load-samples"]) == 2
    assert "run `wegwijs db upgrade`" in capsys.readouterr().err
