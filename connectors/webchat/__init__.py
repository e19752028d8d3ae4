"""The web chat: ``connectors.webchat.WebChatInput`` in credentials.yml.

The channel class lives in ``channel.py`` and is exported lazily: Alembic and the CLI import
``connectors.webchat.models`` for the tables, and should not have to load Rasa and Sanic
(seconds of start-up) to do so. The request checks are plain Python and exported directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from connectors.webchat.request import MAX_MESSAGE_LENGTH, parse_chat_request

if TYPE_CHECKING:
    from connectors.webchat.channel import WebChatInput

__all__ = ["MAX_MESSAGE_LENGTH", "WebChatInput", "parse_chat_request"]


def __getattr__(name: str) -> Any:
    if name == "WebChatInput":
        from connectors.webchat import channel

        return channel.WebChatInput
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
