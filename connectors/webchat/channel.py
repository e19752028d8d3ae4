"""The web chat input channel: the page, its webhook, the inbox and ambassador mode.

Rasa itself serves the page (``/webhooks/webchat/``), so a community centre needs one process
and no internet: no CDN, no external fonts, and a Content-Security-Policy that would block
anything from elsewhere. Messages arrive as input channel ``webchat``.

Database work is synchronous (SQLAlchemy) and runs in a thread, off Sanic's event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.ambassador.meetings import today_in_amsterdam
from bot.ambassador.service import SignInError, meeting_handovers, sign_in
from bot.storage.db import session_scope
from connectors.webchat.inbox import fetch_inbox
from connectors.webchat.replies import BUSY, NEW, ReplyStore
from connectors.webchat.request import (
    bearer_token,
    parse_chat_request,
    parse_inbox_request,
    public_messages,
)

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"chat.js": "text/javascript", "chat.css": "text/css"}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
# How long a repeat waits for the first try of the same message before the page retries.
BUSY_WAIT_SECONDS = 15.0
BUSY_POLL_SECONDS = 0.25
LANGUAGE_SLOT = "language"


@dataclass(frozen=True)
class Refusal:
    """An ambassador request that cannot go on; ``reason`` tells the page what to ask for."""

    status: int
    error: str
    reason: str

    def reply(self) -> HTTPResponse:
        return response.json({"error": self.error, "reason": self.reason}, status=self.status)


class WebChatInput(InputChannel):
    """Page + JSON webhook. Input is checked before it reaches the assistant."""

    def __init__(self, database_url: str | None = None) -> None:
        self.database_url = database_url
        self.replies = ReplyStore(database_url)

    @classmethod
    def name(cls) -> str:
        return "webchat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint("webchat", __name__)

        @webchat.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):  # the page's relative URLs need the slash
                return response.redirect(f"{request.path}/")
            return await response.file(
                STATIC_DIR / "index.html", mime_type="text/html", headers=SECURITY_HEADERS
            )

        @webchat.route("/static/<name:str>", methods=["GET"])
        async def static(_request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.json({"error": "not found"}, status=404)
            return await response.file(
                STATIC_DIR / name, mime_type=STATIC_FILES[name], headers=SECURITY_HEADERS
            )

        @webchat.route("/health", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"}, headers={"Cache-Control": "no-store"})

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.handle_message(request, on_new_message)

        @webchat.route("/inbox", methods=["POST"])
        async def inbox(request: Request) -> HTTPResponse:
            return await self.handle_inbox(request)

        @webchat.route("/ambassador/session", methods=["POST"])
        async def ambassador_session(request: Request) -> HTTPResponse:
            return await self.handle_ambassador(request, with_handovers=False)

        @webchat.route("/ambassador/handovers", methods=["POST"])
        async def ambassador_handovers(request: Request) -> HTTPResponse:
            return await self.handle_ambassador(request, with_handovers=True)

        return webchat

    async def handle_message(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        """Check, resolve ambassador mode, dedupe, then let the assistant answer once."""
        problem, payload = parse_chat_request(_json(request))
        if problem:
            return response.json({"error": problem}, status=400)
        refusal, metadata = await asyncio.to_thread(self.resolve_metadata, payload["metadata"])
        if refusal is not None:
            return refusal.reply()
        client_id = metadata.get("client_message_id")
        if client_id is None:
            return response.json(await self.answer(request, on_new_message, payload, metadata))
        claim = await asyncio.to_thread(self.replies.claim, payload["sender"], client_id)
        if claim.outcome == BUSY:
            claim = await self.wait_for(claim.key)
        if claim.outcome != NEW:
            if claim.reply is None:
                return response.json(
                    {"error": "this message is still being answered; try again"}, status=409
                )
            return response.json(claim.reply, headers={"X-Wegwijs-Replay": "1"})
        # Shielded: when the connection drops, Sanic cancels this handler, but the assistant
        # must finish the message and store its reply, or the page's retry would run it again.
        job = asyncio.ensure_future(
            self.answer_once(claim.key, request, on_new_message, payload, metadata)
        )
        return response.json(await asyncio.shield(job))

    async def answer_once(
        self,
        key: str,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        payload: dict[str, Any],
        metadata: dict[str, str],
    ) -> list[dict[str, Any]]:
        """Answer a claimed message and store the reply; a failure frees it for the retry."""
        try:
            messages = await self.answer(request, on_new_message, payload, metadata)
        except Exception:
            await asyncio.to_thread(self.replies.release, key)
            raise
        await asyncio.to_thread(self.replies.complete, key, messages)
        return messages

    async def answer(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        payload: dict[str, Any],
        metadata: dict[str, str],
    ) -> list[dict[str, Any]]:
        collector = CollectingOutputChannel()
        await on_new_message(
            UserMessage(
                payload["message"],
                collector,
                payload["sender"],
                input_channel=self.name(),
                metadata=metadata,
            )
        )
        language = await conversation_language(request, payload["sender"])
        messages = public_messages(collector.messages)
        return [dict(message, language=language) for message in messages] if language else messages

    async def wait_for(self, key: str) -> Any:
        """A repeat of a message still running: wait for its reply rather than run it twice."""
        waited = 0.0
        claim = await asyncio.to_thread(self.replies.lookup, key)
        while claim.reply is None and waited < BUSY_WAIT_SECONDS:
            await asyncio.sleep(BUSY_POLL_SECONDS)
            waited += BUSY_POLL_SECONDS
            claim = await asyncio.to_thread(self.replies.lookup, key)
        return claim

    def resolve_metadata(self, raw: dict[str, str]) -> tuple[Refusal | None, dict[str, str]]:
        """Metadata for the assistant: the ambassador's id instead of their token.

        The token is checked on every message (revoking it works at once) and never passed
        on, so it does not end up in the conversation history.
        """
        metadata = {k: raw[k] for k in ("client_message_id",) if k in raw}
        token, code = raw.get("ambassador_token", ""), raw.get("meeting_code", "")
        if not token and not code:
            return None, metadata
        if not token or not code:
            return Refusal(401, "ambassador mode needs a token and a meeting code", "token"), {}
        refusal, session = self.sign_in(token, code, for_intake=True)
        if refusal is not None:
            return refusal, {}
        metadata.update(
            ambassador_id=session["ambassador_id"], meeting_code=session["meeting_code"]
        )
        return None, metadata

    def sign_in(
        self, token: str, code: str, *, for_intake: bool, with_handovers: bool = False
    ) -> tuple[Refusal | None, dict[str, Any]]:
        with session_scope(self.database_url) as session:
            try:
                signed_in = sign_in(
                    session, token, code, today_in_amsterdam(), for_intake=for_intake
                )
            except SignInError as error:
                status = 401 if error.reason == "token" else 403
                return Refusal(status, str(error), error.reason), {}
            result = signed_in.as_json()
            if with_handovers:
                lines = meeting_handovers(session, signed_in.ambassador_id, signed_in.meeting_code)
                result["handovers"] = [line.as_json() for line in lines]
            return None, result

    async def handle_ambassador(self, request: Request, *, with_handovers: bool) -> HTTPResponse:
        """Sign-in check (any day) and, after the meeting, the handovers made there."""
        body = _json(request)
        code = body.get("meeting_code") if isinstance(body, dict) else None
        token = bearer_token(request.headers.get("authorization"))
        if not token or not isinstance(code, str) or not code.strip():
            return Refusal(
                401, "send the token (Authorization: Bearer) and meeting_code", "token"
            ).reply()
        refusal, result = await asyncio.to_thread(
            self.sign_in, token, code, for_intake=False, with_handovers=with_handovers
        )
        if refusal is not None:
            return refusal.reply()
        return response.json(result, headers={"Cache-Control": "no-store"})

    async def handle_inbox(self, request: Request) -> HTTPResponse:
        problem, payload = parse_inbox_request(_json(request))
        if problem:
            return response.json({"error": problem}, status=400)
        events = await conversation_events(request, payload["sender"])
        messages = await asyncio.to_thread(
            self.read_inbox, payload["sender"], events, payload["ack"]
        )
        return response.json({"messages": messages}, headers={"Cache-Control": "no-store"})

    def read_inbox(
        self, sender: str, events: list[dict[str, Any]], ack: list[int]
    ) -> list[dict[str, Any]]:
        with session_scope(self.database_url) as session:
            return fetch_inbox(session, sender, events, ack)


def _json(request: Request) -> Any:
    try:
        return request.json
    except Exception:  # Sanic raises its own error for invalid JSON
        return None


def _tracker_store(request: Request) -> Any:
    agent = getattr(request.app.ctx, "agent", None)
    return getattr(agent, "tracker_store", None)


async def conversation_events(request: Request, sender: str) -> list[dict[str, Any]]:
    """All events of the conversation, every session (intake ids of earlier visits too)."""
    store = _tracker_store(request)
    if store is None:
        return []
    tracker = await store.retrieve_full_tracker(sender)
    return [event.as_dict() for event in tracker.events] if tracker else []


async def conversation_language(request: Request, sender: str) -> str | None:
    """The language the assistant now speaks with this sender (its ``language`` slot)."""
    store = _tracker_store(request)
    if store is None:
        return None
    tracker = await store.retrieve(sender)
    return tracker.get_slot(LANGUAGE_SLOT) if tracker else None
