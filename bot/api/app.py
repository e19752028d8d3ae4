"""The partner API application: routes, bearer-token authentication, JSON errors."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.api import handlers
from bot.api.errors import ApiError, Handler, error_middleware
from bot.api.keys import DATABASE_URL, PRINCIPAL
from bot.api.tokens import Principal, authenticate
from bot.config import database_url
from bot.storage.db import session_scope

PREFIX = "/api/v1"
PUBLIC_PATHS = frozenset({f"{PREFIX}/health", f"{PREFIX}/openapi.json"})
MAX_BODY_BYTES = 64 * 1024


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every path but health and the OpenAPI document needs a valid bearer token."""
    if request.path in PUBLIC_PATHS:
        return await handler(request)
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "a bearer token is required")
    principal = await asyncio.to_thread(_authenticate, request.app[DATABASE_URL], token.strip())
    if principal is None:
        raise ApiError(401, "invalid or revoked token")
    request[PRINCIPAL] = principal
    return await handler(request)


def _authenticate(url: str, token: str) -> Principal | None:
    with session_scope(url) as session:
        return authenticate(session, token)


def create_app(url: str | None = None) -> web.Application:
    app = web.Application(
        middlewares=[error_middleware, auth_middleware], client_max_size=MAX_BODY_BYTES
    )
    app[DATABASE_URL] = url or database_url()
    app.router.add_get(f"{PREFIX}/health", handlers.health)
    app.router.add_get(f"{PREFIX}/openapi.json", handlers.openapi)
    app.router.add_get(f"{PREFIX}/handovers", handlers.list_handovers)
    app.router.add_get(f"{PREFIX}/handovers/{{handover_id}}", handlers.get_handover)
    app.router.add_post(f"{PREFIX}/handovers/{{handover_id}}/status", handlers.post_status)
    return app
