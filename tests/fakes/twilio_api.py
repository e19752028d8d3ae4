"""Twilio's Messages API on loopback: records what the official client sent.

It answers like Twilio (201 and a message resource, or a JSON error), so the real
``twilio`` client parses the reply exactly as it would in production.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field

from aiohttp import web

from tests.fakes.net import free_port


@dataclass
class SentMessage:
    account_sid: str
    auth: tuple[str, str]
    to: str
    from_: str
    body: str


@dataclass
class FakeTwilio:
    fail_first: int = 0
    requests: int = 0
    messages: list[SentMessage] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeTwilio:
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        self.port = free_port()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _create(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.requests <= self.fail_first:
            return web.json_response(
                {"code": 20500, "message": "Internal Server Error", "status": 500}, status=500
            )
        scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Basic":
            return web.json_response({"code": 20003, "message": "Authenticate"}, status=401)
        user, _, password = base64.b64decode(encoded).decode().partition(":")
        form = await request.post()
        sid = "SM" + uuid.uuid4().hex
        self.messages.append(
            SentMessage(
                account_sid=request.match_info["sid"],
                auth=(user, password),
                to=str(form.get("To", "")),
                from_=str(form.get("From", "")),
                body=str(form.get("Body", "")),
            )
        )
        return web.json_response(
            {
                "sid": sid,
                "account_sid": request.match_info["sid"],
                "to": form.get("To"),
                "from": form.get("From"),
                "body": form.get("Body"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "uri": f"/2010-04-01/Accounts/{request.match_info['sid']}/Messages/{sid}.json",
            },
            status=201,
        )
