"""Export the stored map as the HSDS document or as the coordinators' sheet.

HSDS keeps everything; the sheet holds one contact, one general phone and one location per
service, so the export returns warnings naming whatever did not fit.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from bot.socialmap import store
from bot.socialmap.csv_format import to_sheet, write_csv
from bot.socialmap.hsds_format import write_json
from bot.storage.base import utcnow

FORMATS = ("hsds", "csv")


def export_text(session: Session, fmt: str) -> tuple[str, list[str]]:
    """The whole map in ``fmt`` ("hsds" or "csv"), and warnings about what was left out."""
    data = store.load(session)
    if fmt == "hsds":
        return write_json(data, exported_at=utcnow()), []
    if fmt == "csv":
        rows, warnings = to_sheet(data)
        return write_csv(rows), warnings
    raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")


def export_file(session: Session, fmt: str, out: Path) -> tuple[Path, list[str]]:
    """Write the export to ``out`` (a directory gets ``socialmap.json`` / ``.csv``)."""
    text, warnings = export_text(session, fmt)
    out = Path(out)
    if out.is_dir():
        out = out / ("socialmap.json" if fmt == "hsds" else "socialmap.csv")
    out.write_text(text, encoding="utf-8")
    return out, warnings
