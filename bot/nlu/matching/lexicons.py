"""Read the word lists in data/nlu/lexicons/ and fail loudly, naming file and entry, if bad.

Why data files: the people who know how residents write about cut-offs in Darija or Turkish
are not Python programmers; they should be able to add a word without touching code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.nlu.matching.text import LANGUAGES

LEXICON_DIR = Path(__file__).resolve().parents[3] / "data" / "nlu" / "lexicons"


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message says where the problem is."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key written twice in one mapping.

    Why: plain YAML keeps the last of two equal keys without a word, so a rule pasted between
    another rule and its ``window``/``unless`` lines silently takes them over.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise LexiconError(f"line {key_node.start_mark.line + 1}: {key!r} written twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path) -> dict[str, Any]:
    """The top-level mapping of a YAML file; a key written twice in one mapping is an error."""
    with Path(path).open(encoding="utf-8") as handle:
        try:
            data = yaml.load(handle, Loader=_UniqueKeyLoader)
        except LexiconError as error:
            raise LexiconError(f"{path}: {error}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def words_per_language(path: Path, data: dict[str, Any], section: str) -> list[str]:
    """All strings of ``section``, a mapping language -> list of words, over all languages."""
    block = data.get(section) or {}
    if not isinstance(block, dict):
        raise LexiconError(f"{path}: {section}: expected a mapping of language -> list")
    words: list[str] = []
    for language, entries in block.items():
        if language not in LANGUAGES:
            raise LexiconError(f"{path}: {section}: unknown language {language!r}")
        for entry in entries or []:
            if not isinstance(entry, str) or not entry.strip():
                raise LexiconError(f"{path}: {section}.{language}: bad entry {entry!r}")
            words.append(entry)
    return words
