"""Wegwijs's own outgoing accounts (SMTP server, Twilio account), from the environment.

Which channel an organisation uses is data (``delivery_endpoint``); how Wegwijs reaches the
outside world is deployment configuration, so it lives in environment variables.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _flag(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    sender: str = "wegwijs@localhost"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = True
    timeout: float = 30.0

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        """None when ``WEGWIJS_SMTP_HOST`` is unset: e-mail deliveries then wait, visibly."""
        host = _env("WEGWIJS_SMTP_HOST")
        if host is None:
            return None
        return cls(
            host=host,
            port=int(_env("WEGWIJS_SMTP_PORT") or 587),
            sender=_env("WEGWIJS_SMTP_FROM") or cls.sender,
            username=_env("WEGWIJS_SMTP_USERNAME"),
            password=_env("WEGWIJS_SMTP_PASSWORD"),
            starttls=_flag("WEGWIJS_SMTP_STARTTLS", True),
            timeout=float(_env("WEGWIJS_SMTP_TIMEOUT") or 30),
        )


@dataclass(frozen=True)
class TwilioSettings:
    """The same Twilio account and numbers the WhatsApp/SMS channel uses (see
    connectors/twilio/README.md): one account per deployment, one set of variables."""

    account_sid: str
    auth_token: str = field(repr=False)
    sms_from: str | None = None
    whatsapp_from: str | None = None
    # Tests only: a fake Twilio API on loopback (WEGWIJS_TWILIO_API_BASE); None: api.twilio.com.
    api_url: str | None = None
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.api_url and not _is_loopback_url(self.api_url):
            raise ValueError(f"the Twilio API base must be a loopback address: {self.api_url!r}")

    @classmethod
    def from_env(cls) -> TwilioSettings | None:
        """None without an account: SMS/WhatsApp deliveries then wait, visibly."""
        sid, token = _env("TWILIO_ACCOUNT_SID"), _env("TWILIO_AUTH_TOKEN")
        if sid is None or token is None:
            return None
        return cls(
            account_sid=sid,
            auth_token=token,
            sms_from=_env("TWILIO_SMS_NUMBER"),
            whatsapp_from=_env("TWILIO_WHATSAPP_NUMBER"),
            api_url=_env("WEGWIJS_TWILIO_API_BASE"),
            timeout=float(_env("WEGWIJS_TWILIO_TIMEOUT") or 30),
        )

    def sender_for(self, channel: str) -> str | None:
        return self.whatsapp_from if channel == "whatsapp" else self.sms_from


def _is_loopback_url(url: str) -> bool:
    """Loopback only, so a mistyped setting cannot send the auth token elsewhere."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def webhook_timeout() -> float:
    return float(_env("WEGWIJS_WEBHOOK_TIMEOUT") or 30)
