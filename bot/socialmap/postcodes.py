"""Postcode -> municipality: a full PC4 table in the database, the shipped CSV as fallback.

The shipped ``data/municipalities/pc4.csv`` covers only a few municipalities; a full table
(one row per PC4, or CBS's per-address file) is imported with ``wegwijs geo import-pc4``. A PC4
area that straddles a municipal border goes to the municipality with most rows (addresses).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from bot.geo import Municipality, default_registry, normalise_postcode
from bot.socialmap.csv_format import sniff_delimiter
from bot.socialmap.models import PostcodeArea
from bot.socialmap.records import Origin, Problem, SocialMapFileError
from bot.socialmap.store import chunks
from bot.storage.base import utcnow

POSTCODE_COLUMNS = ("pc4", "pc6", "postcode")
CODE_COLUMNS = ("code", "gemeentecode", "gm_code", "municipality_code")
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Pc4ImportResult:
    postcodes: int
    municipalities: int
    split: int  # PC4 areas found in more than one municipality (majority taken)

    def __str__(self) -> str:
        return (
            f"{self.postcodes} PC4 areas in {self.municipalities} municipalities"
            f" ({self.split} on a border, assigned to the municipality with most rows)"
        )


def _columns(header: list[str]) -> tuple[int | None, int | None]:
    names = [name.strip().lower() for name in header]
    postcode = next((names.index(n) for n in POSTCODE_COLUMNS if n in names), None)
    code = next((names.index(n) for n in CODE_COLUMNS if n in names), None)
    if code is None:  # CBS names the column after the year: Gemeente2024
        code = next((i for i, n in enumerate(names) if n.startswith("gemeente")), None)
    return postcode, code


def _municipality_code(raw: str) -> str | None:
    """CBS writes codes as GM0344, 0344 or 344."""
    raw = raw.strip().upper()
    digits = raw[2:] if raw.startswith("GM") else raw
    if not digits.isdigit() or len(digits) > 4:
        return None
    municipality = default_registry().by_code(f"GM{digits.zfill(4)}")
    return municipality.code if municipality else None


def read_pc4_table(path: Path) -> tuple[dict[str, str], int]:
    """PC4 -> municipality code from ``path`` and how many PC4s straddled a border."""
    file = path.name
    problems: list[Problem] = []
    counts: dict[str, Counter] = defaultdict(Counter)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first_line = handle.readline()
        handle.seek(0)
        delimiter = sniff_delimiter(first_line)
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, [])
        postcode_at, code_at = _columns(header)
        if postcode_at is None or code_at is None:
            expected = f"a postcode column ({'/'.join(POSTCODE_COLUMNS)}) and a municipality column"
            problem = Problem(f"{file}, line 1", f"header needs {expected}")
            raise SocialMapFileError(file, [problem])
        labels = {"postcode": header[postcode_at].strip(), "code": header[code_at].strip()}
        for record in reader:
            origin = Origin(file, reader.line_num, labels=labels)
            if not any(cell.strip() for cell in record):
                continue
            if len(record) <= max(postcode_at, code_at):
                problems.append(Problem(origin.describe("row"), "too few cells"))
                continue
            postcode = normalise_postcode(record[postcode_at])
            code = _municipality_code(record[code_at])
            if postcode is None:
                message = f"{record[postcode_at]!r} is not a Dutch postcode"
                problems.append(Problem(origin.describe("postcode"), message))
            if code is None:
                message = f"unknown municipality code {record[code_at]!r}"
                problems.append(Problem(origin.describe("code"), message))
            if postcode and code:
                counts[postcode[:4]][code] += 1
            if len(problems) >= MAX_PROBLEMS:
                break
    if problems:
        raise SocialMapFileError(file, problems)
    if not counts:
        raise SocialMapFileError(file, [Problem(file, "has no postcode rows")])
    table = {pc4: codes.most_common(1)[0][0] for pc4, codes in counts.items()}
    return table, sum(1 for codes in counts.values() if len(codes) > 1)


def import_pc4(session: Session, path: Path) -> Pc4ImportResult:
    """Replace the stored PC4 table with the one in ``path`` (all or nothing)."""
    path = Path(path)
    table, split = read_pc4_table(path)
    now = utcnow()
    session.execute(delete(PostcodeArea))
    rows = [
        {"pc4": pc4, "municipality_code": code, "source": path.name[:200], "imported_at": now}
        for pc4, code in sorted(table.items())
    ]
    for part in chunks(rows, 5000):
        session.execute(insert(PostcodeArea.__table__), part)
    return Pc4ImportResult(len(rows), len(set(table.values())), split)


def municipality_for_postcode(session: Session, text: str) -> Municipality | None:
    """The municipality of a postcode: the imported table first, the shipped CSV after."""
    postcode = normalise_postcode(text)
    if postcode is None:
        return None
    statement = select(PostcodeArea.municipality_code).where(PostcodeArea.pc4 == postcode[:4])
    code = session.scalar(statement)
    registry = default_registry()
    if code is not None:
        return registry.by_code(code)
    return registry.resolve_postcode(postcode)


def resolve_municipality(session: Session, text: str) -> Municipality | None:
    """A name, alias, CBS code or postcode -> municipality (postcodes via the DB table)."""
    if normalise_postcode(text.strip()) is not None:
        return municipality_for_postcode(session, text)
    return default_registry().resolve(text)
