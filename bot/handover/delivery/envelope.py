"""What a channel sender gets: one rendered message, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field


class DeliveryError(Exception):
    """The receiver did not acknowledge; the outbox retries later with backoff."""


@dataclass(frozen=True)
class Envelope:
    """A message rendered for one recipient; lives only in memory (it may hold contact data)."""

    message_id: int
    # Stable across retries, sent along so a receiver can drop a repeat it already has.
    delivery_id: str
    event: str
    channel: str
    target: str
    subject: str
    text: str
    document: dict = field(default_factory=dict)
    secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Waiting:
    """The message cannot go out yet (no delivery settings); it waits, visibly."""

    reason: str
