"""The Twilio channel over real HTTP: a Sanic app with the channel's blueprint on loopback,
signed webhooks, and replies going out through a fake Twilio REST API.

The fake agent below stands in for Rasa's agent (it is wired exactly as Rasa wires channels,
via ``rasa.core.channels.channel.register``): it records each UserMessage and answers
through the output channel it was given.
"""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp
import pytest
from cryptography.fernet import Fernet
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic
from twilio.request_validator import RequestValidator

from connectors.twilio import TwilioMessagingInput
from connectors.twilio.formatting import MAX_BODY
from connectors.twilio.messages import message
from connectors.twilio.store import TwilioStore, pseudonym_for
from tests.fakes.twilio_api import FakeTwilio

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token-0123456789abcdef"
SMS_NUMBER = "+3197010000001"
WHATSAPP_NUMBER = "+3197010000002"
RESIDENT = "+31612345678"
PUBLIC_URL = "https://wegwijs.example.nl"
PATH = "/webhooks/twilio_messaging/webhook"

BUTTONS = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee, liever niet", "payload": "/deny"}]
LONG_SENTENCE = "Dit is een zin over geldzorgen en waar je hulp kunt vinden in je gemeente. "


@dataclass
class FakeAgent:
    """Rasa's agent as far as the channel can tell: handles messages, answers via the output."""

    received: list[UserMessage] = field(default_factory=list)

    async def handle_message(self, user_message: UserMessage) -> None:
        self.received.append(user_message)
        out, sender = user_message.output_channel, user_message.sender_id
        text = user_message.text
        if text == "knoppen":
            reply = {"text": "Heb je betalingsachterstanden?", "buttons": list(BUTTONS)}
        elif text == "lang":
            reply = {"text": LONG_SENTENCE * 40}
        elif text == "merhaba":
            reply = {"text": "Tamam, Türkçe konuşalım. Size nasıl yardım edebilirim?"}
        else:
            reply = {"text": f"Ontvangen: {text}"}
        await out.send_response(sender, reply)


@dataclass
class Harness:
    url: str
    api: FakeTwilio
    agent: FakeAgent
    store: TwilioStore
    session: aiohttp.ClientSession
    channel: TwilioMessagingInput
    sid_counter: int = 0

    def sent(self) -> list[dict[str, str]]:
        """What the fake Twilio API received, as the form fields To/From/Body."""
        for received in self.api.messages:
            assert (received.account_sid, received.auth) == (ACCOUNT_SID, (ACCOUNT_SID, AUTH_TOKEN))
        return [{"To": m.to, "From": m.from_, "Body": m.body} for m in self.api.messages]

    def bodies(self) -> list[str]:
        return [message.body for message in self.api.messages]

    def form(self, body: str = "", *, sender: str = f"whatsapp:{RESIDENT}", **extra: str) -> dict:
        self.sid_counter += 1
        to = f"whatsapp:{WHATSAPP_NUMBER}" if sender.startswith("whatsapp:") else SMS_NUMBER
        fields = {
            "MessageSid": f"SM{self.sid_counter:032x}",
            "AccountSid": ACCOUNT_SID,
            "From": sender,
            "To": to,
            "Body": body,
            "NumMedia": "0",
            "ProfileName": "Ayşe",
        }
        fields.update(extra)
        return fields

    async def post(self, form: dict, *, signature: str | None = None) -> tuple[int, str]:
        if signature is None:
            signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + PATH, form)
        async with self.session.post(
            self.url + PATH, data=form, headers={"X-Twilio-Signature": signature}
        ) as reply:
            return reply.status, await reply.text()

    async def say(self, body: str, **kwargs: str) -> tuple[int, str]:
        return await self.post(self.form(body, **kwargs))


@pytest.fixture()
async def harness(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Harness]:
    monkeypatch.setenv("WEGWIJS_SECRET_KEY", Fernet.generate_key().decode())
    # What sanic-testing does: lets several apps start in one process (Sanic's TouchUp).
    monkeypatch.setattr(Sanic, "test_mode", True)
    api = await FakeTwilio().start()
    try:
        monkeypatch.setenv("WEGWIJS_TWILIO_API_BASE", api.url)
        monkeypatch.setenv("WEGWIJS_PUBLIC_URL", PUBLIC_URL)
        channel = TwilioMessagingInput.from_credentials(
            {
                "account_sid": ACCOUNT_SID,
                "auth_token": AUTH_TOKEN,
                "sms_number": SMS_NUMBER,
                "whatsapp_number": f"whatsapp:{WHATSAPP_NUMBER}",
            }
        )
        channel.store.url = sqlite_url
        app = Sanic(f"twilio_test_{uuid.uuid4().hex}", configure_logging=False)
        agent = FakeAgent()
        app.ctx.agent = agent
        register([channel], app, route="/webhooks/")
        # Sanic turns port 0 into 8000, so bind a free loopback port ourselves.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
        await server.startup()
        await server.before_start()
        await server.after_start()
        async with aiohttp.ClientSession() as session:
            yield Harness(f"http://127.0.0.1:{port}", api, agent, channel.store, session, channel)
        await server.before_stop()
        await server.close()
        await server.after_stop()
    finally:
        await api.stop()


def whatsapp(number: str) -> str:
    return f"whatsapp:{number}"


async def test_a_signed_whatsapp_message_reaches_the_bot_under_a_pseudonym(
    harness: Harness,
) -> None:
    status, body = await harness.say("Ik heb schulden")

    assert status == 200
    assert body.endswith("<Response/>")
    [received] = harness.agent.received
    assert received.text == "Ik heb schulden"
    assert received.input_channel == "whatsapp"
    assert received.sender_id == pseudonym_for("whatsapp", RESIDENT)
    assert RESIDENT not in received.sender_id and "3161234" not in received.sender_id
    assert not received.metadata  # no profile name, no number in the tracker
    assert harness.sent() == [
        {
            "To": whatsapp(RESIDENT),
            "From": whatsapp(WHATSAPP_NUMBER),
            "Body": "Ontvangen: Ik heb schulden",
        }
    ]


async def test_sms_arrives_as_sms_and_is_answered_from_the_sms_number(harness: Harness) -> None:
    await harness.say("hallo", sender=RESIDENT)

    [received] = harness.agent.received
    assert received.input_channel == "sms"
    assert received.sender_id == pseudonym_for("sms", RESIDENT)
    assert received.sender_id != pseudonym_for("whatsapp", RESIDENT)
    assert [(m["To"], m["From"]) for m in harness.sent()] == [(RESIDENT, SMS_NUMBER)]


async def test_the_number_is_stored_sealed(harness: Harness, sqlite_url: str) -> None:
    from sqlalchemy import create_engine, text

    await harness.say("hallo")

    engine = create_engine(sqlite_url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(text("select * from channel_conversation")).mappings().all()
    engine.dispose()
    assert len(rows) == 1
    assert RESIDENT not in str(dict(rows[0]))
    conversation = harness.store.conversation(rows[0]["pseudonym"])
    assert conversation is not None and conversation.number == RESIDENT


@pytest.mark.parametrize(
    "signature",
    ["", "bm90IGEgc2lnbmF0dXJl", "internal-url"],
    ids=["missing", "wrong", "signed-for-internal-url"],
)
async def test_a_bad_signature_is_refused_and_nothing_is_processed(
    harness: Harness, signature: str
) -> None:
    form = harness.form("Ik heb schulden")
    if signature == "internal-url":
        signature = RequestValidator(AUTH_TOKEN).compute_signature(harness.url + PATH, form)

    status, _body = await harness.post(form, signature=signature)

    assert status == 403
    assert harness.agent.received == []
    assert harness.sent() == []
    # Not even recorded as seen: the genuine delivery still goes through.
    assert (await harness.post(form))[0] == 200
    assert len(harness.agent.received) == 1


async def test_a_tampered_body_fails_the_signature(harness: Harness) -> None:
    form = harness.form("hallo")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + PATH, form)
    form["Body"] = "iets anders"

    assert (await harness.post(form, signature=signature))[0] == 403
    assert harness.agent.received == []


async def test_a_retried_message_is_processed_once(harness: Harness) -> None:
    form = harness.form("Ik heb schulden")

    results = await asyncio.gather(*(harness.post(form) for _ in range(4)))
    results.append(await harness.post(form))

    assert all(status == 200 for status, _ in results)
    assert len(harness.agent.received) == 1
    assert len(harness.api.messages) == 1


async def test_buttons_become_numbered_options_and_come_back_as_payloads(
    harness: Harness,
) -> None:
    await harness.say("knoppen")
    question = "Heb je betalingsachterstanden?"
    assert harness.bodies()[-1] == f"{question}\n\n1. Ja\n2. Nee, liever niet"

    await harness.say(" 2 ")
    assert harness.agent.received[-1].text == "/deny"

    await harness.say("knoppen")
    await harness.say("  NEE,  liever   NIET ")
    assert harness.agent.received[-1].text == "/deny"

    await harness.say("knoppen")
    await harness.say("1.")
    assert harness.agent.received[-1].text == "/affirm"


async def test_options_answer_only_the_next_message(harness: Harness) -> None:
    await harness.say("knoppen")
    await harness.say("ik weet het niet")
    await harness.say("1")

    assert [m.text for m in harness.agent.received] == ["knoppen", "ik weet het niet", "1"]


async def test_a_number_without_offered_options_or_out_of_range_passes_unchanged(
    harness: Harness,
) -> None:
    await harness.say("3")
    await harness.say("knoppen")
    await harness.say("3")

    assert [m.text for m in harness.agent.received] == ["3", "knoppen", "3"]


async def test_a_long_reply_is_sent_in_parts_at_sentence_boundaries(harness: Harness) -> None:
    await harness.say("lang")

    parts = harness.bodies()
    assert len(parts) == 2
    assert all(len(part) <= MAX_BODY for part in parts)
    assert all(part.endswith(".") for part in parts)
    assert " ".join(parts) == (LONG_SENTENCE * 40).strip()


async def test_media_without_text_gets_a_polite_reply_and_skips_the_bot(
    harness: Harness,
) -> None:
    media = {"NumMedia": "1", "MediaContentType0": "audio/ogg", "MediaUrl0": "https://x/y"}
    await harness.say("", **media)

    assert harness.agent.received == []
    assert harness.bodies() == [message("media_not_supported", "nl")]


async def test_media_replies_come_in_the_language_the_bot_last_used(harness: Harness) -> None:
    await harness.say("merhaba")
    await harness.say("", NumMedia="1", MediaContentType0="image/jpeg")

    assert harness.bodies()[-1] == message("media_not_supported", "tr")
    assert len(harness.agent.received) == 1


async def test_a_caption_with_media_is_passed_on_as_text(harness: Harness) -> None:
    await harness.say("brief van de deurwaarder", NumMedia="1")

    assert [m.text for m in harness.agent.received] == ["brief van de deurwaarder"]


async def test_stop_silences_everything_until_start(harness: Harness) -> None:
    await harness.say("hallo")
    await harness.say("  Stop ")

    assert harness.bodies()[-1] == message("opted_out", "nl")
    sent = len(harness.api.messages)

    await harness.say("hallo?")
    await harness.say("", NumMedia="1")
    await harness.say("STOP")
    await harness.say("1")
    assert len(harness.api.messages) == sent
    assert [m.text for m in harness.agent.received] == ["hallo"]

    # A later notification through the generic output channel is not sent either.
    pseudonym = pseudonym_for("whatsapp", RESIDENT)
    await harness.channel.get_output_channel().send_text_message(pseudonym, "Herinnering")
    assert len(harness.api.messages) == sent

    await harness.say("start")
    assert harness.bodies()[-1] == message("opted_in", "nl")
    await harness.say("weer hallo")
    assert harness.agent.received[-1].text == "weer hallo"
    assert harness.bodies()[-1] == "Ontvangen: weer hallo"


@pytest.mark.parametrize("word", ["STOPALL", "unsubscribe", "Cancel", "end", "QUIT", "stop!"])
async def test_every_standard_stop_word_opts_out(harness: Harness, word: str) -> None:
    await harness.say(word)
    await harness.say("hallo")

    assert harness.agent.received == []
    assert harness.bodies() == [message("opted_out", "nl")]


async def test_stop_inside_a_sentence_is_an_ordinary_message(harness: Harness) -> None:
    await harness.say("hoe stop ik de deurwaarder")
    await harness.say("yes")

    assert [m.text for m in harness.agent.received] == ["hoe stop ik de deurwaarder", "yes"]


async def test_generic_output_channel_reaches_the_resident_later(harness: Harness) -> None:
    """A notification outside a turn (Rasa's ?output_channel=twilio_messaging)."""
    from connectors.twilio import TwilioMessagingOutput

    await harness.say("hallo", sender=RESIDENT)
    pseudonym = pseudonym_for("sms", RESIDENT)
    channel = TwilioMessagingInput(
        ACCOUNT_SID, AUTH_TOKEN, sms_number=SMS_NUMBER, database_url=harness.store.url
    )
    output = channel.get_output_channel()
    assert isinstance(output, TwilioMessagingOutput)

    await output.send_text_message(pseudonym, "De schuldhulp belt je morgen.")
    await channel.sender.close()

    assert harness.sent()[-1] == {
        "To": RESIDENT,
        "From": SMS_NUMBER,
        "Body": "De schuldhulp belt je morgen.",
    }


async def test_a_refusal_by_twilio_is_logged_without_the_number(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.api.fail_first = 1

    status, _ = await harness.say("hallo", sender=RESIDENT)
    await harness.say("nog een keer", sender=RESIDENT)

    assert status == 200
    assert harness.bodies() == ["Ontvangen: nog een keer"]
    assert len(harness.agent.received) == 2
    assert "Twilio refused a message: 20500" in caplog.text
    assert "3161234" not in caplog.text


async def test_malformed_webhooks_get_400(harness: Harness) -> None:
    no_sid = harness.form("hallo")
    del no_sid["MessageSid"]
    messenger = harness.form("hallo", sender="messenger:12345")

    assert (await harness.post(no_sid))[0] == 400
    assert (await harness.post(messenger))[0] == 400
    assert harness.agent.received == []
