"""Webhook delivery: a JSON POST, signed with HMAC-SHA256 so the receiver can trust it.

The signature covers ``<timestamp>.<body>``: the receiver recomputes it with its secret and
rejects old timestamps, so a captured request cannot be replayed later. Only a 2xx reply
counts as an acknowledgement; redirects are not followed (a case must not wander off).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time

import aiohttp

from bot.handover.delivery.envelope import DeliveryError, Envelope

SIGNATURE_HEADER = "X-Wegwijs-Signature"
TIMESTAMP_HEADER = "X-Wegwijs-Timestamp"
DELIVERY_HEADER = "X-Wegwijs-Delivery"
EVENT_HEADER = "X-Wegwijs-Event"
REPLAY_TOLERANCE_SECONDS = 300


def encode(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` over ``<timestamp>.<body>``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify(
    secret: str,
    timestamp: str,
    body: bytes,
    signed: str,
    now: float | None = None,
    tolerance: float = REPLAY_TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does (reference implementation, used by our tests too)."""
    try:
        age = abs((now if now is not None else time.time()) - int(timestamp))
    except ValueError:
        return False
    return age <= tolerance and hmac.compare_digest(signature(secret, timestamp, body), signed)


async def send_webhook(session: aiohttp.ClientSession, envelope: Envelope, timeout: float) -> str:
    """POST the document; returns a receipt line, raises DeliveryError unless 2xx."""
    if not envelope.secret:
        raise DeliveryError("webhook has no signing secret; set it again with `wegwijs delivery`")
    body = encode(envelope.document)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Wegwijs-Delivery/1",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(envelope.secret, timestamp, body),
        DELIVERY_HEADER: envelope.delivery_id,
        EVENT_HEADER: envelope.event,
    }
    try:
        async with session.post(
            envelope.target,
            data=body,
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=timeout),
            allow_redirects=False,
        ) as reply:
            if 200 <= reply.status < 300:
                return f"HTTP {reply.status}"
            detail = (await reply.text())[:200]
            raise DeliveryError(f"receiver answered HTTP {reply.status}: {detail}")
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise DeliveryError(f"webhook unreachable: {type(error).__name__}: {error}") from error
