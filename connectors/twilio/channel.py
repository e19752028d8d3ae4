"""WhatsApp and SMS through Twilio as one Rasa input channel.

Twilio posts every inbound message to ``/webhooks/twilio_messaging/webhook``. We answer that
request with empty TwiML and send the bot's replies through the REST API, so long replies,
several replies and later notifications all take the same path.

Privacy: Rasa only ever sees a keyed pseudonym as sender_id; the phone number is stored
sealed in ``channel_conversation`` and unsealed just before sending. Numbers are never
logged and no Twilio form field (profile name, number) goes into the tracker.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from connectors.twilio.formatting import match_option, numbered_options, offered, split_message
from connectors.twilio.keywords import keyword
from connectors.twilio.messages import message, reply_language
from connectors.twilio.outbound import TwilioSender
from connectors.twilio.store import Conversation, TwilioStore

logger = logging.getLogger(__name__)

CHANNEL_NAME = "twilio_messaging"
PUBLIC_URL_ENV = "WEGWIJS_PUBLIC_URL"
WHATSAPP_PREFIX = "whatsapp:"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
MAX_INBOUND_LENGTH = 4000


@dataclass(frozen=True)
class Inbound:
    """The few fields of Twilio's webhook we use; everything else is dropped on arrival."""

    message_sid: str
    channel: str
    number: str
    body: str
    has_media: bool


def parse_inbound(form: Mapping[str, Any]) -> tuple[str | None, Inbound | None]:
    """(problem, message): which channel it came in on, from ``From``'s prefix."""

    def field(name: str) -> str:
        value = form.get(name)  # Sanic's form.get gives the first value
        return value.strip() if isinstance(value, str) else ""

    sid, sender = field("MessageSid"), field("From")
    if not sid or len(sid) > 64:
        return "MessageSid missing or malformed", None
    if sender.startswith(WHATSAPP_PREFIX):
        channel, number = "whatsapp", sender[len(WHATSAPP_PREFIX) :]
    elif sender and ":" not in sender:
        channel, number = "sms", sender
    else:
        return "From missing or not a WhatsApp or SMS address", None
    if not number:
        return "From has no number", None
    try:
        media = int(field("NumMedia") or 0)
    except ValueError:
        media = 0
    has_media = media > 0 or bool(field("Latitude"))
    body = field("Body")[:MAX_INBOUND_LENGTH]
    return None, Inbound(sid, channel, number, body, has_media)


def webhook_form(request: Request) -> RequestParameters:
    """The posted fields, empty ones included.

    Twilio signs ``Body=`` of a voice note too; Sanic's ``request.form`` drops blank values,
    which would make every media message fail the signature check.
    """
    try:
        fields = parse_qs(request.body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        fields = {}
    return RequestParameters(fields)


class Messenger:
    """Turns a conversation into Twilio addresses and sends text through the REST client."""

    def __init__(self, sender: TwilioSender, numbers: Mapping[str, str | None]) -> None:
        self.sender = sender
        self.numbers = numbers

    async def send_to(self, conversation: Conversation, text: str) -> int:
        """Send ``text`` (split if long); returns how many parts Twilio accepted."""
        own_number = self.numbers.get(conversation.channel)
        if not own_number:
            logger.warning("No Twilio number configured for %s", conversation.channel)
            return 0
        prefix = WHATSAPP_PREFIX if conversation.channel == "whatsapp" else ""
        sent = 0
        for part in split_message(text):
            sid = await self.sender.send(
                f"{prefix}{conversation.number}", f"{prefix}{own_number}", part
            )
            sent += sid is not None
        return sent


class TwilioMessagingOutput(OutputChannel):
    """Bot replies to a resident, found by pseudonym; silent while they are opted out."""

    def __init__(self, messenger: Messenger, store: TwilioStore) -> None:
        self.messenger = messenger
        self.store = store

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._deliver(recipient_id, text, text, [])

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._deliver(recipient_id, numbered_options(text, buttons), text, buttons)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._deliver(recipient_id, image, "", [])

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self._deliver(recipient_id, attachment, "", [])

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        # Raw JSON means nothing to a resident on a phone: not sent.
        logger.debug("Custom JSON is not sent over Twilio")

    async def _deliver(
        self, pseudonym: str, body: str, own_text: str, buttons: list[dict[str, Any]]
    ) -> None:
        conversation = await asyncio.to_thread(self.store.conversation, pseudonym)
        if conversation is None:
            logger.warning("No Twilio conversation for this sender; reply dropped")
            return
        if conversation.opted_out:
            logger.info("Resident opted out; reply not sent")
            return
        language = reply_language(own_text) if own_text else None
        if language or buttons:
            await asyncio.to_thread(
                self.store.remember_reply, pseudonym, language=language, buttons=offered(buttons)
            )
        await self.messenger.send_to(conversation, body)


class WhatsAppOutput(TwilioMessagingOutput):
    """Same sending; the name lets domain responses carry ``channel: whatsapp`` variants."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"


class SmsOutput(TwilioMessagingOutput):
    """Same sending; the name lets domain responses carry ``channel: sms`` variants."""

    @classmethod
    def name(cls) -> str:
        return "sms"


OUTPUTS: dict[str, type[TwilioMessagingOutput]] = {"whatsapp": WhatsAppOutput, "sms": SmsOutput}


def _number(value: str | None) -> str | None:
    value = (value or "").strip().replace(" ", "")
    if value.startswith(WHATSAPP_PREFIX):
        value = value[len(WHATSAPP_PREFIX) :]
    return value or None


class TwilioMessagingInput(InputChannel):
    """Inbound WhatsApp and SMS; messages arrive with input_channel "whatsapp" or "sms"."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        missing = [key for key in ("account_sid", "auth_token") if not credentials.get(key)]
        if not (credentials.get("sms_number") or credentials.get("whatsapp_number")):
            missing.append("sms_number or whatsapp_number")
        if missing:
            raise RasaException(
                f"The {CHANNEL_NAME} channel in credentials.yml lacks: {', '.join(missing)}. "
                "See connectors/twilio/README.md."
            )
        return cls(
            account_sid=credentials["account_sid"],
            auth_token=credentials["auth_token"],
            sms_number=credentials.get("sms_number"),
            whatsapp_number=credentials.get("whatsapp_number"),
            public_url=credentials.get("public_url"),
        )

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        sms_number: str | None = None,
        whatsapp_number: str | None = None,
        public_url: str | None = None,
        database_url: str | None = None,
        api_base: str | None = None,
    ) -> None:
        self.validator = RequestValidator(auth_token)
        self.public_url = (public_url or os.environ.get(PUBLIC_URL_ENV) or "").rstrip("/")
        self.store = TwilioStore(database_url)
        self.sender = TwilioSender(account_sid, auth_token, api_base=api_base)
        self.messenger = Messenger(
            self.sender, {"sms": _number(sms_number), "whatsapp": _number(whatsapp_number)}
        )

    def get_output_channel(self) -> OutputChannel:
        """For notifications outside a conversation turn (``?output_channel=twilio_messaging``)."""
        return TwilioMessagingOutput(self.messenger, self.store)

    def signed_url(self, request: Request) -> str:
        """The URL Twilio signed: the public one when we sit behind a proxy."""
        if not self.public_url:
            return request.url
        query = f"?{request.query_string}" if request.query_string else ""
        return f"{self.public_url}{request.path}{query}"

    def signature_ok(self, request: Request, form: RequestParameters) -> bool:
        signature = request.headers.get("X-Twilio-Signature")
        if not signature:
            return False
        return self.validator.validate(self.signed_url(request), form, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio = Blueprint(CHANNEL_NAME, __name__)

        @twilio.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            form = webhook_form(request)
            if not self.signature_ok(request, form):
                logger.warning("Rejected a Twilio webhook with a missing or bad signature")
                return response.text("invalid signature", status=403)
            problem, inbound = parse_inbound(form)
            if problem or inbound is None:
                return response.text(problem or "bad request", status=400)
            await self.handle(inbound, on_new_message)
            return response.text(EMPTY_TWIML, content_type="text/xml; charset=utf-8")

        @twilio.listener("after_server_stop")
        async def close_sender(_app: Any, _loop: Any) -> None:
            await self.sender.close()

        return twilio

    async def handle(
        self, inbound: Inbound, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Dedupe, opt-out keywords, media, numbered options; then hand over to Rasa."""
        if not await asyncio.to_thread(self.store.claim_message, inbound.message_sid):
            logger.info("Duplicate Twilio delivery ignored")
            return
        conversation = await asyncio.to_thread(
            self.store.open_conversation, inbound.channel, inbound.number
        )
        pseudonym, language = conversation.pseudonym, conversation.language
        word = keyword(inbound.body)
        if word == "stop":
            if not conversation.opted_out:
                await asyncio.to_thread(self.store.set_opted_out, pseudonym, True)
                await self.messenger.send_to(conversation, message("opted_out", language))
            return
        if conversation.opted_out:
            # Only START lifts the opt-out; anything else is neither answered nor stored.
            if word == "start":
                await asyncio.to_thread(self.store.set_opted_out, pseudonym, False)
                await self.messenger.send_to(conversation, message("opted_in", language))
            return
        if not inbound.body:
            if inbound.has_media:
                await self.messenger.send_to(conversation, message("media_not_supported", language))
            return
        buttons = await asyncio.to_thread(self.store.take_offered_buttons, pseudonym)
        text = match_option(inbound.body, buttons) or inbound.body
        output = OUTPUTS[inbound.channel](self.messenger, self.store)
        try:
            await on_new_message(
                UserMessage(text, output, pseudonym, input_channel=inbound.channel)
            )
        except Exception:
            # Not a 500: Twilio's retry would only be deduplicated. Logged without the text.
            logger.exception("Handling a Twilio message failed")
