"""Where an organisation or a municipality's coordinator wants to receive messages."""

from __future__ import annotations

import ipaddress
import re
import secrets
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.handover.models import DeliveryEndpoint
from bot.handover.outbox import COORDINATOR, ORGANIZATION, release_waiting
from bot.handover.service import normalise_phone
from bot.privacy.sealing import seal, unseal
from bot.storage.base import utcnow

CHANNELS = ("webhook", "email", "sms", "whatsapp")
OWNER_KINDS = (ORGANIZATION, COORDINATOR)
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class EndpointError(ValueError):
    """The delivery settings are not usable; nothing was stored."""


def validate_owner(owner_kind: str, owner_id: str) -> str:
    owner_id = owner_id.strip()
    if owner_kind not in OWNER_KINDS:
        raise EndpointError(f"unknown owner kind {owner_kind!r}")
    if owner_kind == COORDINATOR and not MUNICIPALITY_CODE.match(owner_id):
        raise EndpointError(f"{owner_id!r} is not a municipality code like GM0344")
    if not owner_id or len(owner_id) > 64:
        raise EndpointError("an organisation id of 1 to 64 characters is needed")
    return owner_id


def validate_target(channel: str, target: str) -> str:
    """The target in its stored form; webhooks must use HTTPS (contact data travels)."""
    target = target.strip()
    if channel == "webhook":
        parts = urlsplit(target)
        if parts.scheme not in {"https", "http"} or not parts.hostname:
            raise EndpointError(f"{target!r} is not an http(s) URL")
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise EndpointError("webhooks must use https:// (plain http only on loopback)")
        return target
    if channel == "email":
        if not EMAIL.match(target):
            raise EndpointError(f"{target!r} is not an e-mail address")
        return target
    if channel in {"sms", "whatsapp"}:
        number = normalise_phone(target)
        if number is None:
            raise EndpointError(f"{target!r} is not a valid phone number")
        return number
    raise EndpointError(f"unknown channel {channel!r}; choose one of {', '.join(CHANNELS)}")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def get_endpoint(session: Session, owner_kind: str, owner_id: str) -> DeliveryEndpoint | None:
    return session.execute(
        select(DeliveryEndpoint).where(
            DeliveryEndpoint.owner_kind == owner_kind, DeliveryEndpoint.owner_id == owner_id
        )
    ).scalar_one_or_none()


def set_endpoint(
    session: Session, owner_kind: str, owner_id: str, channel: str, target: str
) -> tuple[DeliveryEndpoint, str | None, int]:
    """Store (or replace) the settings; returns (endpoint, new webhook secret, rows released).

    A webhook gets a fresh signing secret each time it is set (shown once to the operator);
    messages that were waiting for these settings go out on the worker's next round.
    """
    owner_id = validate_owner(owner_kind, owner_id)
    target = validate_target(channel, target)
    secret = secrets.token_urlsafe(32) if channel == "webhook" else None
    endpoint = get_endpoint(session, owner_kind, owner_id)
    if endpoint is None:
        endpoint = DeliveryEndpoint(owner_kind=owner_kind, owner_id=owner_id)
        session.add(endpoint)
    endpoint.channel = channel
    endpoint.target = target
    endpoint.secret_sealed = seal(secret) if secret else None
    endpoint.updated_at = utcnow()
    session.flush()
    released = release_waiting(session, owner_kind, owner_id)
    return endpoint, secret, released


def endpoint_secret(endpoint: DeliveryEndpoint) -> str | None:
    return unseal(endpoint.secret_sealed) if endpoint.secret_sealed else None


def list_endpoints(session: Session) -> list[DeliveryEndpoint]:
    return list(
        session.execute(
            select(DeliveryEndpoint).order_by(
                DeliveryEndpoint.owner_kind, DeliveryEndpoint.owner_id
            )
        ).scalars()
    )
