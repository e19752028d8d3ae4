"""An organisation's webhook endpoint: fails the first N requests, can hang, checks signatures.

It behaves like a careful receiver: it verifies the HMAC signature and remembers delivery ids
it acknowledged, so a test can count how often the same case was *accepted*.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

from aiohttp import web

from bot.handover.delivery.webhook import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    verify,
)
from tests.fakes.net import free_port


@dataclass
class Received:
    at: float
    delivery_id: str
    event: str
    signature_ok: bool
    body: dict
    status: int


@dataclass
class WebhookReceiver:
    secret: str = ""
    fail_first: int = 0
    fail_status: int = 503
    # While set, requests wait (the worker sees no answer): used to kill a worker mid-send.
    hang: asyncio.Event | None = None
    requests: list[Received] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/wegwijs"

    async def start(self) -> WebhookReceiver:
        app = web.Application()
        app.router.add_post("/wegwijs", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        self.port = self.port or free_port()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        self.arrived.set()
        if self.hang is not None and self.hang.is_set():
            while self.hang.is_set():
                await asyncio.sleep(0.05)
            return web.Response(status=504)
        ok = verify(
            self.secret,
            request.headers.get(TIMESTAMP_HEADER, ""),
            raw,
            request.headers.get(SIGNATURE_HEADER, ""),
        )
        failing = len(self.requests) < self.fail_first
        status = 401 if not ok else (self.fail_status if failing else 200)
        delivery_id = request.headers.get(DELIVERY_HEADER, "")
        self.requests.append(
            Received(
                at=time.monotonic(),
                delivery_id=delivery_id,
                event=request.headers.get(EVENT_HEADER, ""),
                signature_ok=ok,
                body=json.loads(raw),
                status=status,
            )
        )
        if status == 200:
            self.acknowledged.append(delivery_id)
        return web.json_response({"ok": status == 200}, status=status)
