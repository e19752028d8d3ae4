"""Who sees what: an organisation its own cases, a coordinator their municipality's.

Contact details go only to the organisation the case was handed to: not to the coordinator,
not to an administrator. Ambassador tokens are for the ambassador mode, not this API.
"""

from __future__ import annotations

from sqlalchemy import true
from sqlalchemy.sql.elements import ColumnElement

from bot.api.errors import ApiError
from bot.api.tokens import Principal
from bot.handover.models import Handover

READERS = frozenset({"organization", "coordinator", "admin"})
WRITERS = frozenset({"organization", "admin"})


def visible(principal: Principal) -> ColumnElement[bool]:
    """The WHERE clause limiting handovers to what this principal may see."""
    if principal.role not in READERS:
        raise ApiError(403, f"{principal.role} tokens cannot use the partner API")
    if principal.role == "organization":
        return Handover.organization_id == principal.subject
    if principal.role == "coordinator":
        return Handover.municipality_code == principal.subject
    return true()


def sees_contact(principal: Principal, handover: Handover) -> bool:
    return principal.role == "organization" and principal.subject == handover.organization_id


def check_may_change_status(principal: Principal) -> None:
    if principal.role not in WRITERS:
        raise ApiError(403, "this token may read handovers but not change their status")
