"""Picks the channel for an envelope and holds what the channels share (one HTTP session)."""

from __future__ import annotations

from types import TracebackType

import aiohttp

from bot.handover.delivery.email import send_email
from bot.handover.delivery.envelope import DeliveryError, Envelope
from bot.handover.delivery.settings import SmtpSettings, TwilioSettings, webhook_timeout
from bot.handover.delivery.twilio_sms import send_twilio
from bot.handover.delivery.webhook import send_webhook


class Senders:
    """``async with Senders(...) as senders: await senders.send(envelope)``."""

    def __init__(
        self,
        smtp: SmtpSettings | None = None,
        twilio: TwilioSettings | None = None,
        http_timeout: float = 30.0,
    ) -> None:
        self.smtp = smtp
        self.twilio = twilio
        self.http_timeout = http_timeout
        self._http: aiohttp.ClientSession | None = None

    @classmethod
    def from_env(cls) -> Senders:
        return cls(SmtpSettings.from_env(), TwilioSettings.from_env(), webhook_timeout())

    async def __aenter__(self) -> Senders:
        self._http = aiohttp.ClientSession()
        return self

    async def __aexit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None

    def unavailable(self, channel: str) -> str | None:
        """Why Wegwijs itself cannot use ``channel`` right now (missing configuration)."""
        if channel == "email" and self.smtp is None:
            return "e-mail is not configured (set WEGWIJS_SMTP_HOST)"
        if channel in {"sms", "whatsapp"}:
            if self.twilio is None:
                return "Twilio is not configured (set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)"
            if not self.twilio.sender_for(channel):
                return f"no Twilio sender number for {channel} (TWILIO_{channel.upper()}_NUMBER)"
        return None

    async def send(self, envelope: Envelope) -> str:
        """Deliver; returns a receipt, raises DeliveryError when not acknowledged."""
        if envelope.channel == "webhook":
            if self._http is None:
                raise RuntimeError("use Senders as an async context manager")
            return await send_webhook(self._http, envelope, self.http_timeout)
        if envelope.channel == "email" and self.smtp is not None:
            return await send_email(self.smtp, envelope)
        if envelope.channel in {"sms", "whatsapp"} and self.twilio is not None:
            return await send_twilio(self.twilio, envelope)
        reason = self.unavailable(envelope.channel) or f"no sender for {envelope.channel}"
        raise DeliveryError(reason)
