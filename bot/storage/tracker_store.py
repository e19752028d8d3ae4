"""Rasa's SQL tracker store on Wegwijs's own database, with BSN/IBAN scrubbed before storing.

Configured in endpoints.yml as ``type: bot.storage.tracker_store.WegwijsTrackerStore``; the
database comes from ``WEGWIJS_DATABASE_URL`` (or the embedded SQLite), so the conversation
history and the handovers live in one place with one backup and one retention policy.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import make_url

from bot.config import database_url
from bot.privacy.redact import redact_data


def tracker_store_kwargs(url: str) -> dict[str, Any]:
    """Split a SQLAlchemy URL into the arguments SQLTrackerStore expects."""
    parsed = make_url(url)
    dialect = parsed.get_backend_name()
    if dialect == "sqlite":
        return {"dialect": "sqlite", "db": parsed.database}
    return {
        "dialect": parsed.drivername,
        "host": parsed.host,
        "port": parsed.port,
        "db": parsed.database,
        "username": parsed.username,
        "password": parsed.password,
        "query": dict(parsed.query),
    }


class WegwijsTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that takes its database from Wegwijs's settings and redacts events."""

    def __init__(self, domain: Any = None, event_broker: Any = None, **kwargs: Any) -> None:
        for key in ("dialect", "host", "port", "db", "username", "password", "query", "url"):
            kwargs.pop(key, None)
        super().__init__(
            domain=domain,
            event_broker=event_broker,
            **tracker_store_kwargs(database_url()),
            **kwargs,
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Same as SQLTrackerStore.save, but every event's data passes through the redactor."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = redact_data(event.as_dict())
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
