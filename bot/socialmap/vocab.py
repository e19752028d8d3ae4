"""The fixed words of the social map, shared by validation, lookup and the docs.

Kept closed on purpose: a typo in a route or help kind would silently hide a service from the
lookup, so the importer rejects any word not listed here.
"""

from __future__ import annotations

ROUTES = ("self_help", "volunteer", "professional", "urgent")
SCOPES = ("local", "regional", "national")
HELP_KINDS = (
    "information",  # tips, leaflets, a website
    "phone_advice",  # help at a distance by phone or chat
    "home_administration",  # sorting paperwork at home (thuisadministratie)
    "buddy",  # a volunteer who helps and comes along (maatje)
    "budget_course",  # a course on budgeting
    "walk_in",  # an inloopspreekuur without appointment
    "benefits_check",  # checking toeslagen and allowances (sociaal raadslieden)
    "forms",  # help filling in forms and letters
    "food",  # food parcels (voedselbank)
    "debt_help",  # the municipal debt help under the Wgs (intake, plan, referral)
    "debt_settlement",  # schuldregeling / sanering: professional only
    "income_management",  # budgetbeheer / bewindvoering: professional only
    "crisis_intervention",  # acting on eviction, cut-off or insurance termination
    "community_outreach",  # ambassadors who speak the language of a community
    "aftercare",  # nazorg after a settlement
)
TARGET_GROUPS = (
    "everyone",
    "entrepreneurs",
    "young_people",
    "seniors",
    "families",
    "migrants",
    "faith_based",
)
PHASES = ("prevention", "signup", "during", "aftercare")

# ISO 8601 / iCalendar day codes, with the Dutch abbreviations coordinators type.
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DUTCH_DAYS = {"MA": "MO", "DI": "TU", "WO": "WE", "DO": "TH", "VR": "FR", "ZA": "SA", "ZO": "SU"}

# ISO 639-1: the codes a language cell may hold.
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs "
    "cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha "
    "he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn "
    "ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb "
    "nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd "
    "se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw "
    "ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu "
)
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "pl": "Polski",
    "fy": "Frysk",
    "de": "Deutsch",
    "fr": "Français",
    "uk": "Українська",
    "so": "Soomaali",
    "ti": "ትግርኛ",
}
