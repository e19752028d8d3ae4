"""Import a social-map file: read, check everything, then write in one transaction.

The format follows the file name: ``.csv`` is the coordinators' sheet, ``.json`` the HSDS
document. A file with any problem raises :class:`SocialMapFileError` before a single row is
written, and the caller's transaction (``session_scope``) makes the write all-or-nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from bot.config import PROJECT_ROOT
from bot.socialmap import store
from bot.socialmap.csv_format import read_csv
from bot.socialmap.hsds_format import read_json
from bot.socialmap.records import MapData, Problem, SocialMapFileError
from bot.socialmap.validation import validate

READERS = {".csv": read_csv, ".json": read_json}


def read_file(path: Path) -> MapData:
    """The file's rows, untyped; unreadable files become a :class:`SocialMapFileError`."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        problem = Problem(path.name, "unknown format: name the file .csv or .json")
        raise SocialMapFileError(path.name, [problem])
    try:
        return reader(path)
    except (OSError, UnicodeDecodeError) as error:
        raise SocialMapFileError(path.name, [Problem(path.name, f"cannot read: {error}")]) from None


def import_file(session: Session, path: Path, *, today: date | None = None) -> store.ImportResult:
    """Check ``path`` completely, then upsert it; raises before writing when anything is off."""
    data = validate(session, read_file(Path(path)), today=today)
    return store.save(session, data)


SAMPLES_PATH = PROJECT_ROOT / "data" / "socialmap" / "samples.csv"


def load_samples(session: Session) -> store.ImportResult:
    """The fictional sample map (Utrecht, Rotterdam, Zaanstad, one national line)."""
    return import_file(session, SAMPLES_PATH)
