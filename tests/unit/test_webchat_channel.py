"""The web chat channel's handlers: dedupe, ambassador mode, inbox, page hygiene.

The handlers get a stand-in for Sanic's request (they read only its JSON, headers and the app's
agent) and a stand-in assistant, so these tests need neither a model nor a server.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from bot.ambassador.meetings import create_meeting, today_in_amsterdam
from bot.api.tokens import create_token
from bot.storage.db import session_scope
from connectors.webchat.channel import SECURITY_HEADERS, STATIC_DIR, WebChatInput

SENDER = "resident-0123456789"


@dataclass
class FakeTracker:
    language: str | None = "nl"
    events: list[Any] = field(default_factory=list)

    def get_slot(self, name: str) -> Any:
        return self.language if name == "language" else None


class FakeTrackerStore:
    def __init__(self, tracker: FakeTracker | None) -> None:
        self.tracker = tracker

    async def retrieve(self, _sender: str) -> FakeTracker | None:
        return self.tracker

    async def retrieve_full_tracker(self, _sender: str) -> FakeTracker | None:
        return self.tracker


class FakeRequest:
    def __init__(
        self, body: Any, headers: dict[str, str] | None = None, tracker: FakeTracker | None = None
    ) -> None:
        self._body = body
        self.headers = {key.lower(): value for key, value in (headers or {}).items()}
        agent = SimpleNamespace(tracker_store=FakeTrackerStore(tracker or FakeTracker()))
        self.app = SimpleNamespace(ctx=SimpleNamespace(agent=agent))

    @property
    def json(self) -> Any:
        if self._body is ValueError:
            raise ValueError("invalid JSON")
        return self._body


class Assistant:
    """Answers every message with its text; remembers what it was given."""

    def __init__(self, delay: float = 0.0, fail: bool = False) -> None:
        self.received: list[Any] = []
        self.delay = delay
        self.fail = fail

    async def __call__(self, message: Any) -> None:
        self.received.append(message)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail:
            raise RuntimeError("the assistant fell over")
        await message.output_channel.send_response(
            message.sender_id,
            {
                "text": f"Je schreef: {message.text}",
                "buttons": [{"title": "Ja", "payload": "/affirm"}],
            },
        )


def body(response: Any) -> Any:
    return json.loads(response.body)


def chat(message: str, client_id: str | None = None, **metadata: str) -> dict[str, Any]:
    if client_id:
        metadata["client_message_id"] = client_id
    return {"sender": SENDER, "message": message, "metadata": metadata}


@pytest.fixture()
def ambassador(sqlite_url: str) -> dict[str, str]:
    with session_scope(sqlite_url) as session:
        _row, token = create_token(session, "ambassador", name="Fatima B.")
        _row, partner = create_token(session, "organization", subject="org-1")
        code = create_meeting(session, "GM0344", "tr", today_in_amsterdam()).code
        old = create_meeting(
            session, "GM0344", "ma", today_in_amsterdam() - timedelta(days=30)
        ).code
    return {"token": token, "partner": partner, "code": code, "old": old}


async def test_replies_come_without_recipient_id_and_with_the_conversation_language(
    sqlite_url: str,
) -> None:
    channel, assistant = WebChatInput(sqlite_url), Assistant()
    response = await channel.handle_message(
        FakeRequest(chat("hoi"), tracker=FakeTracker(language="ar")), assistant
    )
    assert response.status == 200
    assert body(response) == [
        {
            "text": "Je schreef: hoi",
            "buttons": [{"title": "Ja", "payload": "/affirm"}],
            "language": "ar",
        }
    ]
    assert assistant.received[0].input_channel == "webchat"


async def test_a_repeated_message_is_answered_from_the_store_not_run_twice(
    sqlite_url: str,
) -> None:
    channel, assistant = WebChatInput(sqlite_url), Assistant()
    first = await channel.handle_message(
        FakeRequest(chat("ik heb schulden", "c-00000001")), assistant
    )
    again = await channel.handle_message(
        FakeRequest(chat("ik heb schulden", "c-00000001")), assistant
    )
    assert len(assistant.received) == 1
    assert body(again) == body(first)
    assert again.headers.get("X-Wegwijs-Replay") == "1"
    other = await channel.handle_message(
        FakeRequest(chat("ik heb schulden", "c-00000002")), assistant
    )
    assert other.status == 200 and len(assistant.received) == 2


async def test_a_copy_arriving_while_the_first_runs_waits_for_its_reply(sqlite_url: str) -> None:
    channel, assistant = WebChatInput(sqlite_url), Assistant(delay=0.5)
    first, second = await asyncio.gather(
        channel.handle_message(FakeRequest(chat("Utrecht", "c-00000003")), assistant),
        channel.handle_message(FakeRequest(chat("Utrecht", "c-00000003")), assistant),
    )
    assert len(assistant.received) == 1
    assert first.status == second.status == 200
    assert body(first) == body(second)


async def test_a_copy_that_waited_too_long_is_told_to_retry(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("connectors.webchat.channel.BUSY_WAIT_SECONDS", 0.2)
    channel, assistant = WebChatInput(sqlite_url), Assistant(delay=1.0)
    first, second = await asyncio.gather(
        channel.handle_message(FakeRequest(chat("Utrecht", "c-00000004")), assistant),
        channel.handle_message(FakeRequest(chat("Utrecht", "c-00000004")), assistant),
    )
    assert sorted([first.status, second.status]) == [200, 409]
    assert len(assistant.received) == 1


async def test_when_the_assistant_fails_the_retry_runs_the_message(sqlite_url: str) -> None:
    channel = WebChatInput(sqlite_url)
    with pytest.raises(RuntimeError):
        await channel.handle_message(FakeRequest(chat("hoi", "c-00000005")), Assistant(fail=True))
    assistant = Assistant()
    response = await channel.handle_message(FakeRequest(chat("hoi", "c-00000005")), assistant)
    assert response.status == 200 and len(assistant.received) == 1


async def test_a_dropped_connection_does_not_stop_the_answer(sqlite_url: str) -> None:
    """Sanic cancels the handler when the page goes away; the reply must still be stored."""
    channel, assistant = WebChatInput(sqlite_url), Assistant(delay=0.3)
    handler = asyncio.ensure_future(
        channel.handle_message(FakeRequest(chat("Utrecht", "c-00000008")), assistant)
    )
    await asyncio.sleep(0.1)
    handler.cancel()
    with pytest.raises(asyncio.CancelledError):
        await handler
    await asyncio.sleep(0.5)
    retry = await channel.handle_message(FakeRequest(chat("Utrecht", "c-00000008")), assistant)
    assert retry.headers.get("X-Wegwijs-Replay") == "1"
    assert body(retry)[0]["text"] == "Je schreef: Utrecht"
    assert len(assistant.received) == 1


async def test_bad_requests_get_a_400_and_never_reach_the_assistant(sqlite_url: str) -> None:
    channel, assistant = WebChatInput(sqlite_url), Assistant()
    for request_body in (ValueError, [], {"sender": "x", "message": "hoi"}, chat("hoi", "bad id")):
        response = await channel.handle_message(FakeRequest(request_body), assistant)
        assert response.status == 400, request_body
        assert body(response)["error"]
    assert assistant.received == []


async def test_ambassador_mode_passes_the_ambassador_id_never_the_token(
    sqlite_url: str, ambassador: dict[str, str]
) -> None:
    channel, assistant = WebChatInput(sqlite_url), Assistant()
    request = chat(
        "ik heb schulden",
        "c-00000006",
        ambassador_token=ambassador["token"],
        meeting_code=ambassador["code"].lower(),
    )
    response = await channel.handle_message(FakeRequest(request), assistant)
    assert response.status == 200
    metadata = assistant.received[0].metadata
    assert metadata == {
        "client_message_id": "c-00000006",
        "ambassador_id": "fatima-b",
        "meeting_code": ambassador["code"],
    }
    assert ambassador["token"] not in json.dumps(metadata)


@pytest.mark.parametrize(
    ("token_key", "code_key", "status", "reason"),
    [
        ("partner", "code", 401, "token"),
        ("missing", "code", 401, "token"),
        ("token", "missing", 401, "token"),
        ("token", "unknown", 403, "meeting"),
        ("token", "old", 403, "closed"),
    ],
)
async def test_ambassador_messages_without_a_valid_sign_in_are_refused(
    sqlite_url: str,
    ambassador: dict[str, str],
    token_key: str,
    code_key: str,
    status: int,
    reason: str,
) -> None:
    values = dict(ambassador, missing="", unknown="TR-ZZZZZZ")
    channel, assistant = WebChatInput(sqlite_url), Assistant()
    request = chat("hoi", "c-00000007", ambassador_token=values[token_key])
    request["metadata"]["meeting_code"] = values[code_key]
    response = await channel.handle_message(FakeRequest(request), assistant)
    assert (response.status, body(response)["reason"]) == (status, reason)
    assert assistant.received == []
    retry = await channel.handle_message(FakeRequest(chat("hoi", "c-00000007")), assistant)
    assert retry.status == 200, "a refused message was not stored as answered"


async def test_the_ambassador_signs_in_and_sees_the_meeting(
    sqlite_url: str, ambassador: dict[str, str]
) -> None:
    channel = WebChatInput(sqlite_url)
    auth = {"Authorization": f"Bearer {ambassador['token']}"}
    session = await channel.handle_ambassador(
        FakeRequest({"meeting_code": ambassador["code"]}, auth), with_handovers=False
    )
    assert session.status == 200
    document = body(session)
    assert document["ambassador_id"] == "fatima-b" and document["open_for_intakes"]
    assert document["municipality_name"] == "Utrecht"
    assert "handovers" not in document
    overview = await channel.handle_ambassador(
        FakeRequest({"meeting_code": ambassador["old"]}, auth), with_handovers=True
    )
    assert overview.status == 200, "the overview stays available after the meeting"
    assert body(overview)["handovers"] == [] and not body(overview)["open_for_intakes"]


async def test_ambassador_endpoints_need_a_valid_token_in_the_header(
    sqlite_url: str, ambassador: dict[str, str]
) -> None:
    channel = WebChatInput(sqlite_url)
    cases = [
        ({}, {"meeting_code": ambassador["code"]}, 401),
        (
            {"Authorization": f"Bearer {ambassador['partner']}"},
            {"meeting_code": ambassador["code"]},
            401,
        ),
        ({"Authorization": f"Bearer {ambassador['token']}"}, {}, 401),
        ({"Authorization": f"Bearer {ambassador['token']}"}, {"meeting_code": "TR-ZZZZZZ"}, 403),
    ]
    for headers, request_body, status in cases:
        response = await channel.handle_ambassador(
            FakeRequest(request_body, headers), with_handovers=True
        )
        assert response.status == status, (headers, request_body)


async def test_the_inbox_reads_the_conversation_and_checks_its_input(sqlite_url: str) -> None:
    channel = WebChatInput(sqlite_url)
    event = SimpleNamespace(as_dict=lambda: {"event": "slot", "name": "intake_id", "value": "i-1"})
    response = await channel.handle_inbox(
        FakeRequest({"sender": SENDER, "ack": []}, tracker=FakeTracker(events=[event]))
    )
    assert (response.status, body(response)) == (200, {"messages": []})
    assert (await channel.handle_inbox(FakeRequest({"sender": "x"}))).status == 400


def test_the_page_loads_nothing_from_elsewhere() -> None:
    """No CDN, no external fonts: the page must work on a LAN without internet."""
    for path in STATIC_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.IGNORECASE), path
        assert "@import" not in text and "@font-face" not in text, path
    policy = SECURITY_HEADERS["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "connect-src 'self'" in policy


def test_the_page_has_the_landmarks_and_labels_a_screen_reader_needs() -> None:
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in page
    assert 'role="log"' in page and "<main" in page
    for control in ("message", "language", "ambassador-token", "meeting-code"):
        assert f'<label for="{control}"' in page, control
    assert 'name="viewport"' in page
