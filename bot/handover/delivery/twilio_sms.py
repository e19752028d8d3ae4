"""SMS and WhatsApp through Twilio's Messages API (the official client, asynchronously).

Twilio answers 201 with the message resource once it has queued the message: that is the
acknowledgement. There is no idempotency key on this API, so the outbox's lease plus
"mark delivered right after the reply" is what keeps repeats to the crash window.
"""

from __future__ import annotations

import asyncio

import aiohttp
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from bot.handover.delivery.envelope import DeliveryError, Envelope
from bot.handover.delivery.settings import TwilioSettings

SMS_MAX_CHARS = 1000


def address(channel: str, number: str) -> str:
    """Twilio's WhatsApp addresses carry a ``whatsapp:`` prefix; SMS numbers are plain E.164."""
    if channel == "whatsapp" and not number.startswith("whatsapp:"):
        return f"whatsapp:{number}"
    return number


async def send_twilio(settings: TwilioSettings, envelope: Envelope) -> str:
    """Send ``envelope.text`` to ``envelope.target``; returns the Twilio message SID."""
    sender = settings.sender_for(envelope.channel)
    if not sender:
        raise DeliveryError(f"no Twilio sender number configured for {envelope.channel}")
    http_client = AsyncTwilioHttpClient(timeout=settings.timeout)
    try:
        client = Client(settings.account_sid, settings.auth_token, http_client=http_client)
        if settings.api_url:
            client.api.base_url = settings.api_url
        message = await asyncio.wait_for(
            client.messages.create_async(
                to=address(envelope.channel, envelope.target),
                from_=address(envelope.channel, sender),
                body=envelope.text[:SMS_MAX_CHARS],
            ),
            timeout=settings.timeout,
        )
    except TwilioRestException as error:
        raise DeliveryError(f"Twilio answered HTTP {error.status}: {error.msg}") from error
    except (TwilioException, aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise DeliveryError(f"Twilio unreachable: {type(error).__name__}: {error}") from error
    finally:
        await http_client.close()
    return f"Twilio {message.sid}"
