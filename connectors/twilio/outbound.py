"""Sending through Twilio's REST API, asynchronously, so the Sanic event loop never blocks.

Every outbound text (bot replies, the channel's own notices, later notifications) goes
through ``TwilioSender.send``. Tests point the SDK at a fake API on loopback with
``WEGWIJS_TWILIO_API_BASE``; anything but a loopback address is refused there, so a
mistyped setting cannot send the auth token elsewhere.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientError, ClientSession, ClientTimeout
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

logger = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
API_BASE_ENV = "WEGWIJS_TWILIO_API_BASE"
DEFAULT_TIMEOUT = 15.0


def fake_api_base(value: str | None = None) -> str | None:
    """The loopback base URL of a fake Twilio API, or None for the real one."""
    value = value if value is not None else os.environ.get(API_BASE_ENV)
    if not value:
        return None
    host = urlsplit(value).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"{API_BASE_ENV} must point at a loopback address, got {value!r}")
    return value.rstrip("/")


class RoutedAsyncHttpClient(AsyncTwilioHttpClient):
    """twilio's aiohttp client with a default timeout, a per-loop session and a base URL.

    The stock client creates its session in ``__init__`` (outside any event loop) and
    ignores its own timeout; both matter for a long-running server.
    """

    def __init__(self, api_base: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(pool_connections=False, timeout=timeout)
        self.api_base = api_base
        self._loop: asyncio.AbstractEventLoop | None = None

    async def request(  # type: ignore[override]
        self, method: str, url: str, *args: Any, timeout: float | None = None, **kwargs: Any
    ) -> Response:
        if self.api_base and url.startswith(TWILIO_API):
            url = self.api_base + url[len(TWILIO_API) :]
        loop = asyncio.get_running_loop()
        if self.session is None or self.session.closed or self._loop is not loop:
            self.session = ClientSession(timeout=ClientTimeout(total=self.timeout))
            self._loop = loop
        return await super().request(method, url, *args, timeout=timeout or self.timeout, **kwargs)


class TwilioSender:
    """One Twilio REST client for all outbound messages of the process."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        *,
        api_base: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.http_client = RoutedAsyncHttpClient(fake_api_base(api_base), timeout)
        self.client = Client(account_sid, auth_token, http_client=self.http_client)

    async def send(self, to: str, from_: str, body: str) -> str | None:
        """Send one message; its Twilio sid, or None when Twilio refused it (logged)."""
        try:
            message = await self.client.messages.create_async(to=to, from_=from_, body=body)
        except TwilioRestException as error:
            # Only the code: Twilio's message text may quote the resident's number.
            # 21610 means the number sent STOP to Twilio itself (SMS Advanced Opt-Out).
            logger.warning("Twilio refused a message: %s (HTTP %s)", error.code, error.status)
            return None
        except (ClientError, OSError, asyncio.TimeoutError) as error:
            logger.warning("Twilio API unreachable: %s", type(error).__name__)
            return None
        return message.sid

    async def close(self) -> None:
        """Close the HTTP session (on server stop)."""
        session = self.http_client.session
        if session is not None and not session.closed:
            await session.close()
