"""The real web chat channel in front of a scripted assistant, for fast browser tests.

``python -m tests.browser.fake_assistant --port N --database URL`` serves the chat page and
its endpoints exactly as Rasa does (same blueprint, same dedupe store), but the "assistant"
answers from a short script in milliseconds and counts what it received, so the page's
queueing, reconnecting and never-twice behaviour can be tested deterministically.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from collections import defaultdict
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors.webchat.channel import WebChatInput

INTAKE_ID = "fake-intake"
CHANGE_LANGUAGE = re.compile(r'^/change_language\{"preferred_language":"(nl|tr|ar)"\}$')
GREETING = {
    "nl": "Hallo! Ik ben Wegwijs, een digitale assistent, geen mens.",
    "tr": "Merhaba! Ben Wegwijs, dijital bir asistanım, insan değilim.",
    "ar": "مرحبا! أنا Wegwijs، مساعد رقمي ولست إنسانا.",
}
QUESTION = {
    "nl": "Mag ik je vraag doorgeven?",
    "tr": "Sorunuzu iletebilir miyim?",
    "ar": "هل أستطيع أن أرسل سؤالك؟",
}
YES_NO = {"nl": ("Ja", "Nee"), "tr": ("Evet", "Hayır"), "ar": ("نعم", "لا")}
ECHO = {"nl": "Je schreef: {text}", "tr": "Yazdınız: {text}", "ar": "كتبت: {text}"}


class Conversations:
    """What each sender said (to count repeats) and which language they speak."""

    def __init__(self) -> None:
        self.received: dict[str, list[str]] = defaultdict(list)
        self.metadata: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.language: dict[str, str] = {}


class FakeTracker:
    def __init__(self, language: str) -> None:
        self.language = language
        self.events = [_SlotEvent()]

    def get_slot(self, name: str) -> Any:
        return self.language if name == "language" else None


class _SlotEvent:
    def as_dict(self) -> dict[str, Any]:
        return {"event": "slot", "name": "intake_id", "value": INTAKE_ID}


class FakeTrackerStore:
    def __init__(self, conversations: Conversations) -> None:
        self.conversations = conversations

    async def retrieve(self, sender: str) -> FakeTracker:
        return FakeTracker(self.conversations.language.get(sender, "nl"))

    retrieve_full_tracker = retrieve


def build_app(database: str) -> Sanic:
    app = Sanic("fake_wegwijs")
    conversations = Conversations()
    app.ctx.agent = type("FakeAgent", (), {"tracker_store": FakeTrackerStore(conversations)})()

    async def assistant(message: UserMessage) -> None:
        sender, text = message.sender_id, message.text or ""
        conversations.received[sender].append(text)
        conversations.metadata[sender].append(message.metadata or {})
        language = conversations.language.get(sender, "nl")
        chosen = CHANGE_LANGUAGE.match(text)
        if chosen:
            language = conversations.language[sender] = chosen.group(1)
        if "langzaam" in text:
            await asyncio.sleep(2.0)
        if text == "/greet" or chosen:
            yes, no = YES_NO[language]
            await message.output_channel.send_text_message(sender, GREETING[language])
            await message.output_channel.send_text_with_buttons(
                sender,
                QUESTION[language],
                [{"title": yes, "payload": "/affirm"}, {"title": no, "payload": "/deny"}],
            )
            return
        await message.output_channel.send_text_message(sender, ECHO[language].format(text=text))

    channel = WebChatInput(database)
    app.blueprint(channel.blueprint(assistant), url_prefix="/webhooks/webchat")

    @app.get("/test/received/<sender:str>")
    async def received(_request: Request, sender: str) -> HTTPResponse:
        return response.json(conversations.received.get(sender, []))

    @app.get("/test/metadata/<sender:str>")
    async def metadata(_request: Request, sender: str) -> HTTPResponse:
        return response.json(conversations.metadata.get(sender, []))

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    build_app(args.database).run(
        host="127.0.0.1", port=args.port, access_log=False, motd=False, workers=1
    )


if __name__ == "__main__":
    main()
