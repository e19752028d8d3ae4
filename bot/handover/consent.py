"""The consent a resident gives before anything is passed on.

The version names the exact consent text shown (``utter_ask_handover_form_consent`` in
domain.yml, in the resident's language); change the version whenever that text changes, so
every stored consent can be traced to the words the resident agreed to.
"""

CONSENT_TEXT_VERSION = "consent-2026-11-23"


def consent_text_version(language: str) -> str:
    """The version id stored with a handover, e.g. ``consent-2026-11-23/tr``."""
    return f"{CONSENT_TEXT_VERSION}/{language}"
