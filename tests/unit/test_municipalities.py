"""Municipality reference data and resolver: the shipped CSVs and the matching rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.geo import (
    DATA_DIR,
    Municipality,
    MunicipalityRegistry,
    default_registry,
    normalise_name,
    normalise_postcode,
)

HEADER = "code,name,province,aliases\n"


@pytest.fixture(scope="module")
def registry() -> MunicipalityRegistry:
    return default_registry()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- shipped data -----------------------------------------------------------------------------


def test_exactly_342_municipalities_as_on_1_january_2025(registry: MunicipalityRegistry) -> None:
    assert len(registry) == 342
    assert len(list(registry)) == 342


def test_codes_are_well_formed_and_unique(registry: MunicipalityRegistry) -> None:
    codes = [m.code for m in registry]
    assert all(re.fullmatch(r"GM\d{4}", code) for code in codes)
    assert len(set(codes)) == len(codes)


def test_recent_reorganisations_are_reflected(registry: MunicipalityRegistry) -> None:
    assert registry.by_code("GM1992").name == "Voorne aan Zee"
    assert registry.by_code("GM1991").name == "Maashorst"
    assert registry.by_code("GM1980").name == "Dijk en Waard"
    assert registry.by_code("GM1982").name == "Land van Cuijk"
    for dissolved in ("GM0457", "GM0501", "GM0530", "GM0614"):  # Weesp, Brielle, ...
        assert registry.by_code(dissolved) is None


def test_every_municipality_has_a_known_province(registry: MunicipalityRegistry) -> None:
    provinces = {m.province for m in registry}
    assert provinces == {
        "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
        "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
    }  # fmt: skip


def test_pc4_file_covers_the_required_cities(registry: MunicipalityRegistry) -> None:
    rows = (DATA_DIR / "pc4.csv").read_text(encoding="utf-8").splitlines()[1:]
    codes = {row.split(",")[1] for row in rows}
    assert {"GM0344", "GM0599", "GM0479", "GM0363", "GM0518"} <= codes


# --- resolve ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Utrecht", "GM0344"),
        ("utrecht ", "GM0344"),
        ("Gemeente Utrecht", "GM0344"),
        ("Den Haag", "GM0518"),
        ("den haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("The Hague", "GM0518"),
        ("Lahey", "GM0518"),
        ("لاهاي", "GM0518"),
        ("den bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("’s-Hertogenbosch", "GM0796"),
        ("s hertogenbosch", "GM0796"),
        ("أمستردام", "GM0363"),
        ("امستردام", "GM0363"),
        ("روتردام", "GM0599"),
        ("Zaandam", "GM0479"),
        ("Sudwest Fryslan", "GM1900"),
        ("Bergen NH", "GM0373"),
        ("GM0599", "GM0599"),
        ("gm0599", "GM0599"),
        ("3511 AB", "GM0344"),
        ("3511ab", "GM0344"),
        ("3511", "GM0344"),
        ("3011 AA", "GM0599"),
        ("1506 KL", "GM0479"),
        ("1012 JS", "GM0363"),
        ("2511 CV", "GM0518"),
    ],
)
def test_resolve(registry: MunicipalityRegistry, text: str, code: str) -> None:
    municipality = registry.resolve(text)
    assert municipality is not None, text
    assert municipality.code == code


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "GM9999", "0123 AB", "Bergen"])
def test_resolve_returns_none_when_not_exactly_one(
    registry: MunicipalityRegistry, text: str
) -> None:
    assert registry.resolve(text) is None


def test_resolve_postcode_outside_coverage_is_none(registry: MunicipalityRegistry) -> None:
    assert registry.resolve_postcode("9999 ZZ") is None
    assert registry.resolve_postcode("not a postcode") is None


def test_by_code_returns_the_dataclass(registry: MunicipalityRegistry) -> None:
    utrecht = registry.by_code("GM0344")
    assert utrecht == Municipality("GM0344", "Utrecht", "Utrecht", utrecht.aliases)
    assert registry.by_code("0344") is None


# --- suggest / surface forms ---------------------------------------------------------------


def test_suggest_finds_misspelt_names(registry: MunicipalityRegistry) -> None:
    assert "GM0599" in [m.code for m in registry.suggest("Roterdam")]
    assert "GM0363" in [m.code for m in registry.suggest("Amsterdm")]


def test_suggest_respects_limit_and_has_no_duplicates(registry: MunicipalityRegistry) -> None:
    suggestions = registry.suggest("Bergen", limit=2)
    assert {m.code for m in suggestions} == {"GM0373", "GM0893"}  # both Bergens, ambiguous
    assert len({m.code for m in suggestions}) == len(suggestions)
    assert registry.suggest("xqzwv") == []


def test_surface_forms_include_names_and_aliases(registry: MunicipalityRegistry) -> None:
    forms = registry.surface_forms()
    assert ("'s-Gravenhage", "GM0518") in forms
    assert ("Den Haag", "GM0518") in forms
    assert ("Zaandam", "GM0479") in forms
    assert len(forms) > 342


# --- normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'s-Hertogenbosch", "s hertogenbosch"),
        ("s Hertogenbosch", "s hertogenbosch"),
        ("Súdwest-Fryslân", "sudwest fryslan"),
        ("  Gemeente   Utrecht ", "utrecht"),
        ("gem. Utrecht", "utrecht"),
        ("Nuenen, Gerwen en Nederwetten", "nuenen gerwen en nederwetten"),
        ("أَمْسْتِرْدَام", "امستردام"),
        ("إمستردام", "امستردام"),
        ("لاهـــاي", "لاهاي"),
        ("مدينة", "مدينه"),
    ],
)
def test_normalise_name(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3511ab", "3511 AB"),
        ("3511 AB", "3511 AB"),
        (" 3511  ab ", "3511 AB"),
        ("3511", "3511"),
        ("٣٥١١ AB", "3511 AB"),
        ("0123 AB", None),
        ("351 AB", None),
        ("35111", None),
        ("3511 A", None),
        ("3511 SS", None),
        ("3511 SA", None),
        ("3511 SD", None),
        ("3511-AB", None),
        ("", None),
        ("abcd", None),
    ],
)
def test_normalise_postcode(text: str, expected: str | None) -> None:
    assert normalise_postcode(text) == expected


# --- CSV validation ---------------------------------------------------------------------------


def test_load_custom_files(tmp_path: Path) -> None:
    munis = _write(
        tmp_path,
        "m.csv",
        HEADER + "GM0001,Alfa,Utrecht,Alpha|ألفا\nGM0002,Beta,Zeeland,\n",
    )
    pc4 = _write(tmp_path, "p.csv", "pc4,code\n1234,GM0002\n")
    registry = MunicipalityRegistry.load(munis, pc4)
    assert len(registry) == 2
    assert registry.resolve("alpha").code == "GM0001"
    assert registry.resolve("1234 AB").code == "GM0002"
    assert MunicipalityRegistry.load(munis).resolve_postcode("3511 AB") is None


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("GM0001,Alfa,Utrecht,\nGM01,Beta,Utrecht,\n", 3, "code"),
        ("GM0001,Alfa,Utrecht,\nGM0001,Beta,Utrecht,\n", 3, "code"),
        ("GM0001,Alfa,Utrecht,Beta\nGM0002,Beta,Utrecht,\n", 3, "name"),
        ("GM0001,Alfa,Utrecht,Gamma\nGM0002,Beta,Utrecht,gamma\n", 3, "aliases"),
        ("GM0001,Alfa,Utrecht\n", 2, "row"),
        ("GM0001,,Utrecht,\n", 2, "name"),
    ],
)
def test_malformed_municipalities_csv_names_file_line_and_field(
    tmp_path: Path, body: str, line: int, field: str
) -> None:
    path = _write(tmp_path, "bad.csv", HEADER + body)
    with pytest.raises(ValueError, match=rf"bad\.csv: line {line}: field '{field}'"):
        MunicipalityRegistry.load(path)


def test_wrong_header_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", "code,naam,province,aliases\nGM0001,Alfa,Utrecht,\n")
    with pytest.raises(ValueError, match=r"line 1: field 'header'"):
        MunicipalityRegistry.load(path)


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("0123,GM0001\n", 2, "pc4"),
        ("1234,GM0009\n", 2, "code"),
        ("1234,GM0001\n1234,GM0001\n", 3, "pc4"),
    ],
)
def test_malformed_pc4_csv_names_file_line_and_field(
    tmp_path: Path, body: str, line: int, field: str
) -> None:
    munis = _write(tmp_path, "m.csv", HEADER + "GM0001,Alfa,Utrecht,\n")
    pc4 = _write(tmp_path, "pc4.csv", "pc4,code\n" + body)
    with pytest.raises(ValueError, match=rf"pc4\.csv: line {line}: field '{field}'"):
        MunicipalityRegistry.load(munis, pc4)
