"""E-mail delivery over SMTP (stdlib smtplib, run in a thread so the worker loop stays free).

The SMTP server's 250 reply to the message data is the acknowledgement.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from bot.handover.delivery.envelope import DeliveryError, Envelope
from bot.handover.delivery.settings import SmtpSettings


def build_message(settings: SmtpSettings, envelope: Envelope) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = envelope.target
    message["Subject"] = envelope.subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message["X-Wegwijs-Delivery"] = envelope.delivery_id
    message["X-Wegwijs-Event"] = envelope.event
    message.set_content(envelope.text)
    return message


def send_email_blocking(settings: SmtpSettings, envelope: Envelope) -> str:
    message = build_message(settings, envelope)
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            refused = smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"SMTP: {type(error).__name__}: {error}") from error
    if refused:
        raise DeliveryError(f"SMTP refused recipient(s): {', '.join(refused)}")
    return f"SMTP accepted {message['Message-ID']}"


async def send_email(settings: SmtpSettings, envelope: Envelope) -> str:
    return await asyncio.to_thread(send_email_blocking, settings, envelope)
