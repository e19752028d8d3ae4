"""Keys for what the app and each request carry (shared by middleware and handlers)."""

from __future__ import annotations

from aiohttp import web

DATABASE_URL = web.AppKey("database_url", str)
# Request keys are plain strings in aiohttp 3.9; the value is a bot.api.tokens.Principal.
PRINCIPAL = "wegwijs.principal"
