"""The web chat channel: serves the chat page and receives its messages.

Rasa itself serves the page (``/webhooks/webchat/``), so a community centre needs one process
and no internet: no CDN, no external fonts. Messages arrive as input channel ``webchat``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"chat.js": "text/javascript", "chat.css": "text/css"}
MAX_MESSAGE_LENGTH = 2000
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ALLOWED_METADATA = ("ambassador_token", "meeting_code", "client_message_id")


class WebChatInput(InputChannel):
    """Page + JSON webhook. Input is checked before it reaches the assistant."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webchat = Blueprint("webchat", __name__)

        @webchat.route("/", methods=["GET"])
        async def page(_request: Request) -> HTTPResponse:
            return await response.file(STATIC_DIR / "index.html", mime_type="text/html")

        @webchat.route("/static/<name:str>", methods=["GET"])
        async def static(_request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.json({"error": "not found"}, status=404)
            return await response.file(STATIC_DIR / name, mime_type=STATIC_FILES[name])

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            problem, payload = parse_chat_request(request.json)
            if problem:
                return response.json({"error": problem}, status=400)
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(
                    payload["message"],
                    collector,
                    payload["sender"],
                    input_channel=self.name(),
                    metadata=payload["metadata"],
                )
            )
            return response.json(collector.messages)

        return webchat


def parse_chat_request(body: Any) -> tuple[str | None, dict[str, Any]]:
    """(error, payload): a clear error for a bad request, else the checked fields."""
    if not isinstance(body, dict):
        return "body must be a JSON object", {}
    sender = body.get("sender")
    message = body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
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
    return None, {"sender": sender, "message": message.strip(), "metadata": metadata}
