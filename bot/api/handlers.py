"""Request handlers of the partner API.

Database work is synchronous SQLAlchemy, so each handler runs it in a thread and keeps the
event loop free; every request is one short transaction.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from aiohttp import web
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.api.access import check_may_change_status, sees_contact, visible
from bot.api.errors import ApiError
from bot.api.keys import DATABASE_URL, PRINCIPAL
from bot.api.openapi import OPENAPI
from bot.api.tokens import Principal
from bot.api.views import handover_document
from bot.handover.models import Handover
from bot.handover.status import STATUSES, StatusChangeError, change_status
from bot.storage.db import session_scope

MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
DEFAULT_LIMIT, MAX_LIMIT = 100, 500


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    municipality: str | None = None
    since: datetime | None = None
    limit: int = DEFAULT_LIMIT


async def health(request: web.Request) -> web.Response:
    try:
        await asyncio.to_thread(_ping, request.app[DATABASE_URL])
    except Exception as error:  # any failure means: not healthy
        raise ApiError(503, f"database unreachable: {type(error).__name__}") from error
    return web.json_response({"status": "ok"})


def _ping(url: str) -> None:
    with session_scope(url) as session:
        session.execute(text("SELECT 1"))


async def openapi(_request: web.Request) -> web.Response:
    return web.json_response(OPENAPI)


async def list_handovers(request: web.Request) -> web.Response:
    filters = parse_filters(request.query)
    documents = await asyncio.to_thread(
        _list, request.app[DATABASE_URL], request[PRINCIPAL], filters
    )
    return web.json_response({"handovers": documents, "count": len(documents)})


async def get_handover(request: web.Request) -> web.Response:
    document = await asyncio.to_thread(
        _get, request.app[DATABASE_URL], request[PRINCIPAL], request.match_info["handover_id"]
    )
    return web.json_response(document)


async def post_status(request: web.Request) -> web.Response:
    status, reason = await parse_status_body(request)
    document = await asyncio.to_thread(
        _change,
        request.app[DATABASE_URL],
        request[PRINCIPAL],
        request.match_info["handover_id"],
        status,
        reason,
    )
    return web.json_response(document)


def parse_filters(query: dict) -> Filters:
    status = query.get("status") or None
    if status is not None and status not in STATUSES:
        raise ApiError(400, f"status must be one of {', '.join(STATUSES)}")
    municipality = query.get("municipality") or None
    if municipality is not None and not MUNICIPALITY_CODE.match(municipality):
        raise ApiError(400, "municipality must be a CBS code like GM0344")
    since = parse_time(query["since"]) if query.get("since") else None
    try:
        limit = int(query.get("limit", DEFAULT_LIMIT))
    except ValueError as error:
        raise ApiError(400, "limit must be a whole number") from error
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, f"limit must be between 1 and {MAX_LIMIT}")
    return Filters(status, municipality, since, limit)


def parse_time(value: str) -> datetime:
    """ISO 8601 (a trailing Z allowed); without an offset it is taken as UTC."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise ApiError(400, "since must be an ISO 8601 date-time") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


async def parse_status_body(request: web.Request) -> tuple[str, str]:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ApiError(400, "the body must be JSON") from error
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    status, reason = body.get("status"), body.get("reason", "")
    if not isinstance(status, str) or not status:
        raise ApiError(422, "status is required (a string)")
    if reason is None:
        reason = ""
    if not isinstance(reason, str):
        raise ApiError(422, "reason must be a string")
    return status, reason


def _list(url: str, principal: Principal, filters: Filters) -> list[dict]:
    with session_scope(url) as session:
        query = select(Handover).where(visible(principal))
        if filters.status:
            query = query.where(Handover.status == filters.status)
        if filters.municipality:
            query = query.where(Handover.municipality_code == filters.municipality)
        if filters.since:
            query = query.where(Handover.created_at >= filters.since)
        query = query.order_by(Handover.created_at, Handover.id).limit(filters.limit)
        return [
            handover_document(handover, include_contact=sees_contact(principal, handover))
            for handover in session.execute(query).scalars()
        ]


def _find(session: Session, principal: Principal, handover_id: str) -> Handover:
    """The handover if this principal may see it; 404 otherwise (existence is not leaked)."""
    scope = visible(principal)
    try:
        uuid.UUID(handover_id)
    except ValueError as error:
        raise ApiError(404, "handover not found") from error
    handover = session.execute(
        select(Handover).where(Handover.id == handover_id, scope)
    ).scalar_one_or_none()
    if handover is None:
        raise ApiError(404, "handover not found")
    return handover


def _get(url: str, principal: Principal, handover_id: str) -> dict:
    with session_scope(url) as session:
        handover = _find(session, principal, handover_id)
        return handover_document(handover, include_contact=sees_contact(principal, handover))


def _change(url: str, principal: Principal, handover_id: str, status: str, reason: str) -> dict:
    with session_scope(url) as session:
        handover = _find(session, principal, handover_id)
        check_may_change_status(principal)
        try:
            change_status(session, handover, status, actor=principal.actor, reason=reason)
        except StatusChangeError as error:
            raise ApiError(error.http_status, str(error)) from error
        return handover_document(handover, include_contact=sees_contact(principal, handover))
