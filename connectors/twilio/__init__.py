"""WhatsApp and SMS via Twilio: ``connectors.twilio.TwilioMessagingInput`` in credentials.yml.

The channel class lives in ``channel.py`` and is exported lazily: Alembic and the CLI import
``connectors.twilio.models`` for the tables, and should not have to load Rasa, Sanic and the
Twilio SDK (seconds of start-up) to do so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connectors.twilio.channel import TwilioMessagingInput, TwilioMessagingOutput

__all__ = ["TwilioMessagingInput", "TwilioMessagingOutput"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from connectors.twilio import channel

        return getattr(channel, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
