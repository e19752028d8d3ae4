"""Rule-based entities (municipality, postcode, threat, language asked for) and self-harm words.

Why its own package: the NLU component (:mod:`bot.nlu.entity_extractor`) and the dialogue
actions that validate typed form answers must agree on what "Lahey'de" or "ze sluiten de
stroom af" means, so both call these functions. Importing this package is cheap; spaCy (and
with it TensorFlow) is loaded on the first call that needs the tokeniser.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.geo import default_registry
from bot.nlu.matching import risk
from bot.nlu.matching.language_names import default_language_name_matcher
from bot.nlu.matching.places import PlaceMatch, PlaceMatcher, default_place_matcher
from bot.nlu.matching.postcodes import PostcodeMatch, find_postcodes
from bot.nlu.matching.text import LANGUAGES, Unit, analyse, guess_language
from bot.nlu.matching.threats import (
    THREATS,
    ThreatMatch,
    ThreatMatcher,
    default_threat_matcher,
    default_topic_matcher,
)

__all__ = [
    "LANGUAGES",
    "MUNICIPALITY",
    "POSTCODE",
    "PREFERRED_LANGUAGE",
    "THREAT",
    "THREATS",
    "EntityMatch",
    "PlaceMatch",
    "PlaceMatcher",
    "PostcodeMatch",
    "ThreatMatch",
    "ThreatMatcher",
    "Unit",
    "analyse",
    "extract_entities",
    "find_municipalities",
    "find_municipality",
    "find_postcode",
    "find_postcodes",
    "find_threat_topics",
    "find_threats",
    "guess_language",
    "mentions_self_harm",
    "shows_distress",
]

MUNICIPALITY, POSTCODE, THREAT = "municipality", "postcode", "threat"
PREFERRED_LANGUAGE = "preferred_language"


@dataclass(frozen=True)
class EntityMatch:
    """An entity in Rasa's sense: type, normalised value and character span."""

    entity: str
    value: str
    start: int
    end: int


def find_municipalities(
    text: str, lang: str | None = None, *, expected: bool = False
) -> list[PlaceMatch]:
    """Every municipality *named* in ``text`` (postcodes not included), in text order.

    ``lang`` ("nl", "tr", "ar") picks the tokeniser; None guesses it from the script.
    ``expected=True`` when the bot has just asked for the municipality: then a short answer
    that is also an everyday word ("best", "buren") counts as the name.
    """
    return default_place_matcher().find(text, analyse(text, lang), expected=expected, lang=lang)


def find_municipality(text: str, lang: str | None = None, *, expected: bool = False) -> str | None:
    """The CBS code ("GM0344") of the municipality the resident means, or None.

    A named municipality wins over a postcode; among several names, the one next to a
    residence word ("ik woon in ...", "... oturuyorum", "أسكن في ...") wins, else the first.
    Form validation should pass ``expected=True`` (see :func:`find_municipalities`).
    """
    places = find_municipalities(text, lang, expected=expected)
    if places:
        return next((p.code for p in places if p.residence), places[0].code)
    registry = default_registry()
    for postcode in find_postcodes(text):
        municipality = registry.resolve_postcode(postcode.value)
        if municipality is not None:
            return municipality.code
    return None


def find_postcode(text: str) -> str | None:
    """The first Dutch postcode in ``text``, normalised as "3511 AB", or None."""
    postcodes = find_postcodes(text)
    return postcodes[0].value if postcodes else None


def find_threats(text: str, lang: str | None = None) -> list[str]:
    """Distinct threat types in ``text`` in order of first mention, e.g. ["energy_cutoff"]."""
    found = default_threat_matcher().find(analyse(text, lang))
    return list(dict.fromkeys(match.threat for match in found))


def find_threat_topics(text: str, lang: str | None = None) -> list[str]:
    """Threat types whose subject ``text`` names ("de huur", "lgaz", "Vitens"), verb or not.

    Not a threat by itself ("mijn huur is te hoog"): only for a message already known to be
    urgent, to tell which threat it is when no threat rule fired.
    """
    found = default_topic_matcher().find(analyse(text, lang))
    return list(dict.fromkeys(match.threat for match in found))


def mentions_self_harm(text: str, lang: str | None = None) -> bool:
    """True when ``text`` says the resident may end their life (data/nlu/lexicons/self_harm.yml)."""
    return risk.mentions_self_harm(analyse(text, lang))


def shows_distress(text: str, lang: str | None = None) -> bool:
    """True when ``text`` shows despair without words about ending one's life
    (data/nlu/lexicons/distress.yml): the bot then asks about it."""
    return risk.shows_distress(analyse(text, lang))


def extract_entities(text: str, lang: str | None = None) -> list[EntityMatch]:
    """All entities of one message, sorted by position: what the NLU component emits.

    ``preferred_language`` is the language a resident names ("in het Turks" -> "tr").

    A postcode also yields a ``municipality`` (same span) when no municipality is named.
    """
    units = analyse(text, lang)
    places = default_place_matcher().find(text, units, lang=lang)
    entities = [EntityMatch(MUNICIPALITY, p.code, p.start, p.end) for p in places]
    registry = default_registry()
    for postcode in find_postcodes(text):
        entities.append(EntityMatch(POSTCODE, postcode.value, postcode.start, postcode.end))
        if not places:
            municipality = registry.resolve_postcode(postcode.value)
            if municipality is not None:
                entities.append(
                    EntityMatch(MUNICIPALITY, municipality.code, postcode.start, postcode.end)
                )
    entities.extend(
        EntityMatch(THREAT, m.threat, m.start, m.end) for m in default_threat_matcher().find(units)
    )
    entities.extend(
        EntityMatch(PREFERRED_LANGUAGE, m.threat, m.start, m.end)
        for m in default_language_name_matcher().find(units)
    )
    return sorted(entities, key=lambda e: (e.start, e.end, e.entity))


def warm_up() -> None:
    """Load spaCy, the postcode table and the matchers now (about 10 s), not on a resident's
    first answer; bad lexicon data fails here, at start."""
    for language in LANGUAGES:
        extract_entities("ik woon in Utrecht, 3511 AB, de stroom wordt afgesloten", language)
    risk.default_risk_matcher()
    risk.default_distress_matcher()
    default_language_name_matcher()
    default_topic_matcher()
