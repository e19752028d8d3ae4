"""Dutch municipality reference data and a resolver for what people actually type.

People name their municipality in many ways: the official CBS name ("'s-Gravenhage"), the
everyday name ("Den Haag"), a main town ("Zaandam" for Zaanstad), a foreign spelling ("Lahey",
"لاهاي"), a CBS code ("GM0518") or a postcode. Everything downstream (routing a conversation to
the right local services) needs the one CBS code, so this module maps all of those forms to a
single :class:`Municipality`.

Data lives in ``data/municipalities/`` (see the README there for sources and how to update).
Standard library only, so it can be imported anywhere without extra dependencies.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "Municipality",
    "MunicipalityRegistry",
    "default_registry",
    "normalise_name",
    "normalise_postcode",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "municipalities"

_MUNICIPALITY_COLUMNS = ["code", "name", "province", "aliases"]
_PC4_COLUMNS = ["pc4", "code"]
_ALIAS_SEPARATOR = "|"

_CODE_RE = re.compile(r"^GM\d{4}$")
_CODE_INPUT_RE = re.compile(r"^gm\s*(\d{4})$", re.IGNORECASE)
_PC4_RE = re.compile(r"^[1-9][0-9]{3}$")
_POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})?$")
# PostNL never issues these letter pairs (historical associations), so they mark a typo.
_FORBIDDEN_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})

# Prefixes people put before the name that carry no information for matching.
_NAME_PREFIXES = ("gemeente ", "gem ", "municipality of ", "بلدية ")

_APOSTROPHES = "'’‘`´ʼ′ʻ"
_NON_WORD_RE = re.compile(r"[\W_]+")
_SPACES_RE = re.compile(r"\s+")

# Arabic: drop tatweel and harakat (short-vowel marks, shadda, sukun, Quranic annotation marks)
# and fold letter variants that users type interchangeably.
_ARABIC_DROP = frozenset(
    ["\u0640", "\u0670"]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_ARABIC_FOLD = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a",  # Persian ی -> ي
    "\u0629": "\u0647",  # ة -> ه (only occurs word-finally)
}


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _fold_char(char: str) -> str:
    """Fold one character; Arabic letters keep their identity, only marks are dropped."""
    if _is_arabic(char):
        if char in _ARABIC_DROP:
            return ""
        return _ARABIC_FOLD.get(char, char)
    # Latin and other scripts: remove accents (â -> a, ë -> e) but keep the base letter.
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_name(text: str) -> str:
    """Reduce a municipality name to a comparison key.

    Why: users write "'s-Hertogenbosch", "s hertogenbosch", "Súdwest Fryslân", "gemeente
    Utrecht" or "أمستردام" with or without hamza; all spellings of the same name must meet
    in one key. Case, accents, apostrophes, hyphens and extra spaces are ignored, a leading
    "gemeente"/"gem." is dropped, and Arabic tatweel/harakat and letter variants are folded.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(_fold_char(c) for c in text)
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "")
    text = _NON_WORD_RE.sub(" ", text)
    text = _SPACES_RE.sub(" ", text).strip()
    for prefix in _NAME_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    return text


def normalise_postcode(text: str) -> str | None:
    """Return a Dutch postcode as "1234 AB" (or "1234" for a PC4), or None if it is not one.

    Why: postcodes arrive as "3511ab", " 3511  AB " or in Arabic-Indic digits; a canonical
    form lets us validate once and look up the PC4 part. Dutch postcodes have four digits
    (the first not 0) and optionally two letters, never SA, SD or SS.
    """
    if not text:
        return None
    compact = "".join(text.split()).upper()
    # Accept any Unicode decimal digits (e.g. ٣٥١١) by mapping them to ASCII.
    compact = "".join(
        str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c
        for c in compact
    )
    match = _POSTCODE_RE.match(compact)
    if match is None:
        return None
    digits, letters = match.group(1), match.group(2)
    if letters is None:
        return digits
    if letters in _FORBIDDEN_POSTCODE_LETTERS:
        return None
    return f"{digits} {letters}"


@dataclass(frozen=True)
class Municipality:
    """One Dutch municipality as CBS defines it; the code is the stable key across systems."""

    code: str
    name: str
    province: str
    aliases: tuple[str, ...] = ()


def _suggestion_score(key: str, candidate: str) -> float:
    """Similarity, with a bonus when one is the start of the other ("bergen" -> "bergen nh")."""
    if candidate == key:
        return 2.0
    score = difflib.SequenceMatcher(None, key, candidate).ratio()
    if candidate.startswith(key) or key.startswith(candidate):
        score += 0.1
    return score


def _csv_error(path: Path, line: int, field: str, problem: str) -> ValueError:
    """Build an error that points a maintainer straight at the bad cell."""
    return ValueError(f"{path}: line {line}: field {field!r}: {problem}")


def _check_header(path: Path, header: list[str] | None, expected: list[str]) -> None:
    if header is None:
        raise _csv_error(path, 1, "header", f"file is empty, expected columns {expected}")
    if [h.strip() for h in header] != expected:
        raise _csv_error(path, 1, "header", f"expected columns {expected}, got {header}")


class MunicipalityRegistry:
    """All municipalities plus lookup tables by code, normalised name/alias and PC4.

    Why a class and not module globals: tests and tools can load alternative CSV files
    (e.g. next year's CBS list) side by side with the default data.
    """

    def __init__(
        self,
        municipalities: list[Municipality],
        name_index: dict[str, str],
        pc4_index: dict[str, str],
    ) -> None:
        self._by_code: dict[str, Municipality] = {m.code: m for m in municipalities}
        self._name_index = name_index
        self._pc4_index = pc4_index
        self._keys = sorted(name_index)

    @classmethod
    def load(
        cls, municipalities_csv: Path | None = None, pc4_csv: Path | None = None
    ) -> MunicipalityRegistry:
        """Read and validate the CSV files; bad data fails loudly with file, line and field.

        Without arguments the shipped data is used. A custom municipalities file comes without
        postcodes unless ``pc4_csv`` is given too, since the shipped PC4 table refers to the
        shipped codes.
        """
        pc4_path: Path | None = Path(pc4_csv) if pc4_csv is not None else None
        if municipalities_csv is None:
            municipalities_path = DATA_DIR / "municipalities.csv"
            if pc4_path is None and (DATA_DIR / "pc4.csv").exists():
                pc4_path = DATA_DIR / "pc4.csv"
        else:
            municipalities_path = Path(municipalities_csv)
        municipalities, name_index = _read_municipalities(municipalities_path)
        known_codes = {m.code for m in municipalities}
        pc4_index = _read_pc4(pc4_path, known_codes) if pc4_path is not None else {}
        return cls(municipalities, name_index, pc4_index)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Municipality]:
        return iter(sorted(self._by_code.values(), key=lambda m: m.code))

    def by_code(self, code: str) -> Municipality | None:
        """Look up by CBS code; accepts "gm0599" and "GM 0599" as well as "GM0599"."""
        match = _CODE_INPUT_RE.match(code.strip())
        if match is None:
            return None
        return self._by_code.get(f"GM{match.group(1)}")

    def resolve(self, text: str) -> Municipality | None:
        """Map free text (name, alias, CBS code or postcode) to exactly one municipality.

        Only exact matches on the normalised form count, so a wrong guess never slips
        through; use :meth:`suggest` to offer "did you mean" options instead.
        """
        if not text or not text.strip():
            return None
        stripped = text.strip()
        if _CODE_INPUT_RE.match(stripped):
            return self.by_code(stripped)
        if normalise_postcode(stripped) is not None:
            return self.resolve_postcode(stripped)
        code = self._name_index.get(normalise_name(stripped))
        return self._by_code[code] if code is not None else None

    def resolve_postcode(self, postcode: str) -> Municipality | None:
        """Find the municipality of a postcode via its four digits (PC4), if we have it."""
        normalised = normalise_postcode(postcode)
        if normalised is None:
            return None
        code = self._pc4_index.get(normalised[:4])
        return self._by_code[code] if code is not None else None

    def suggest(self, text: str, limit: int = 3) -> list[Municipality]:
        """Close matches for a misspelt name ("Roterdam"), best first, without duplicates."""
        key = normalise_name(text)
        if not key or limit <= 0:
            return []
        candidates = difflib.get_close_matches(key, self._keys, n=limit * 6, cutoff=0.6)
        if key in self._name_index and key not in candidates:
            candidates.append(key)
        candidates.sort(key=lambda candidate: _suggestion_score(key, candidate), reverse=True)
        result: list[Municipality] = []
        seen: set[str] = set()
        for candidate in candidates:
            code = self._name_index[candidate]
            if code not in seen:
                seen.add(code)
                result.append(self._by_code[code])
            if len(result) >= limit:
                break
        return result

    def surface_forms(self) -> list[tuple[str, str]]:
        """Every name and alias as written, with its code, e.g. to build a PhraseMatcher."""
        forms: list[tuple[str, str]] = []
        for municipality in self:
            forms.append((municipality.name, municipality.code))
            forms.extend((alias, municipality.code) for alias in municipality.aliases)
        return forms


def _read_municipalities(path: Path) -> tuple[list[Municipality], dict[str, str]]:
    municipalities: list[Municipality] = []
    name_index: dict[str, str] = {}
    seen_codes: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        _check_header(path, next(reader, None), _MUNICIPALITY_COLUMNS)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            expected = len(_MUNICIPALITY_COLUMNS)
            if len(row) != expected:
                raise _csv_error(path, line, "row", f"expected {expected} fields, got {len(row)}")
            code, name, province, aliases_cell = (cell.strip() for cell in row)
            if not _CODE_RE.match(code):
                raise _csv_error(path, line, "code", f"{code!r} is not 'GM' + 4 digits")
            if code in seen_codes:
                raise _csv_error(path, line, "code", f"duplicate code {code}")
            if not name:
                raise _csv_error(path, line, "name", "empty name")
            if not province:
                raise _csv_error(path, line, "province", "empty province")
            aliases = tuple(a.strip() for a in aliases_cell.split(_ALIAS_SEPARATOR) if a.strip())
            for field, form in [("name", name)] + [("aliases", a) for a in aliases]:
                key = normalise_name(form)
                if not key:
                    raise _csv_error(path, line, field, f"{form!r} has no letters to match on")
                owner = name_index.get(key)
                if owner is not None and owner != code:
                    raise _csv_error(
                        path, line, field, f"{form!r} is ambiguous: already used by {owner}"
                    )
                name_index[key] = code
            seen_codes.add(code)
            municipalities.append(Municipality(code, name, province, aliases))
    return municipalities, name_index


def _read_pc4(path: Path, known_codes: set[str]) -> dict[str, str]:
    index: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        _check_header(path, next(reader, None), _PC4_COLUMNS)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(_PC4_COLUMNS):
                raise _csv_error(
                    path, line, "row", f"expected {len(_PC4_COLUMNS)} fields, got {len(row)}"
                )
            pc4, code = (cell.strip() for cell in row)
            if not _PC4_RE.match(pc4):
                raise _csv_error(path, line, "pc4", f"{pc4!r} is not a 4-digit postcode")
            if code not in known_codes:
                raise _csv_error(path, line, "code", f"unknown municipality code {code!r}")
            if pc4 in index:
                raise _csv_error(path, line, "pc4", f"duplicate postcode {pc4}")
            index[pc4] = code
    return index


@functools.lru_cache(maxsize=1)
def default_registry() -> MunicipalityRegistry:
    """The registry over the shipped data, loaded once per process."""
    return MunicipalityRegistry.load()
