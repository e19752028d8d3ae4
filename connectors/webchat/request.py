"""Checks on what the chat page sends, before anything reaches the assistant.

Standard library only: the checks are unit-tested without Rasa, and the channel, the inbox and
the ambassador endpoints share them.
"""

from __future__ import annotations

import re
from typing import Any

MAX_MESSAGE_LENGTH = 2000
MAX_ACKS = 50
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CLIENT_MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ALLOWED_METADATA = ("ambassador_token", "meeting_code", "client_message_id")


def parse_chat_request(body: Any) -> tuple[str | None, dict[str, Any]]:
    """(error, payload): a clear error for a bad request, else the checked fields."""
    if not isinstance(body, dict):
        return "body must be a JSON object", {}
    sender = body.get("sender")
    message = body.get("message")
    if not _is_sender(sender):
        return "sender must be 8-64 letters, digits, '-' or '_'", {}
    if not isinstance(message, str) or not message.strip():
        return "message must be a non-empty string", {}
    if len(message) > MAX_MESSAGE_LENGTH:
        return f"message longer than {MAX_MESSAGE_LENGTH} characters", {}
    raw_metadata = body.get("metadata") or {}
    if not isinstance(raw_metadata, dict):
        return "metadata must be an object", {}
    metadata = {
        key: str(raw_metadata[key])[:200] for key in ALLOWED_METADATA if key in raw_metadata
    }
    client_id = metadata.get("client_message_id")
    if client_id is not None and not CLIENT_MESSAGE_ID.match(client_id):
        return "client_message_id must be 8-64 letters, digits, '-' or '_'", {}
    return None, {"sender": sender, "message": message.strip(), "metadata": metadata}


def parse_inbox_request(body: Any) -> tuple[str | None, dict[str, Any]]:
    """(error, payload) for an inbox poll: the sender and the ids the page has shown."""
    if not isinstance(body, dict):
        return "body must be a JSON object", {}
    sender = body.get("sender")
    if not _is_sender(sender):
        return "sender must be 8-64 letters, digits, '-' or '_'", {}
    ack = body.get("ack") or []
    if not isinstance(ack, list) or len(ack) > MAX_ACKS:
        return f"ack must be a list of at most {MAX_ACKS} message ids", {}
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in ack):
        return "ack must contain message ids (integers)", {}
    return None, {"sender": sender, "ack": sorted(set(ack))}


def bearer_token(header: str | None) -> str:
    """The token of an ``Authorization: Bearer ...`` header, or ""."""
    scheme, _, token = (header or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def public_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bot messages as the page gets them: without the recipient id Rasa adds to each."""
    return [{k: v for k, v in message.items() if k != "recipient_id"} for message in messages]


def _is_sender(value: Any) -> bool:
    return isinstance(value, str) and bool(SENDER_PATTERN.match(value))
