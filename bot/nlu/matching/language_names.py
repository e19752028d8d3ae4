"""Find the language a resident asks for ("kan het in het Turks?", "bghit b darija").

Why rules: the language buttons cover most switches, but people also type the wish, in any
of the three languages and spellings, with Turkish endings ("türkçe'ye") and glued Arabic
prefixes ("بالعربية"). The words live in data/nlu/lexicons/languages.yml and use the rule
matcher of threats.yml; each match names nl, tr or ar.
"""

from __future__ import annotations

import functools

from bot.nlu.matching.lexicons import LEXICON_DIR
from bot.nlu.matching.text import LANGUAGES
from bot.nlu.matching.threats import ThreatMatcher

LANGUAGES_FILE = LEXICON_DIR / "languages.yml"


@functools.lru_cache(maxsize=1)
def default_language_name_matcher() -> ThreatMatcher:
    """The matcher over the shipped languages.yml, built once per process."""
    return ThreatMatcher.from_file(LANGUAGES_FILE, labels=LANGUAGES)
