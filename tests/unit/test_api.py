"""The partner API over HTTP (aiohttp TestServer), on SQLite and PostgreSQL.

One migrated database per backend for the whole module; every test makes its own
organisations and municipalities, so tests do not see each other's cases.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.api.app import create_app
from bot.api.openapi import OPENAPI
from bot.api.tokens import create_token, revoke_token
from bot.api.views import FIELDS
from bot.handover.models import HandoverStatusEvent
from bot.intake.triage import Route
from bot.storage import migrate
from bot.storage.db import session_scope
from tests.fakes.handovers import make_handover


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
        migrate.upgrade(url)
        yield url
        return
    url = request.getfixturevalue("postgres_schema_url")
    migrate.upgrade(url)
    yield url
    migrate.downgrade(url, "base")


@pytest.fixture()
async def client(api_db: str) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(api_db))) as test_client:
        yield test_client


def _token(url: str, role: str, subject: str | None = None, name: str = "") -> str:
    with session_scope(url) as session:
        return create_token(session, role, subject, name)[1]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


_codes = itertools.count(9000)


def _municipality() -> str:
    """A municipality code no other test in this module uses (the fixtures use GM0344)."""
    return f"GM{next(_codes):04d}"


async def test_no_token_a_bad_token_or_a_revoked_token_get_401(
    client: TestClient, api_db: str
) -> None:
    for headers in ({}, {"Authorization": "Basic abc"}, _auth("wgw_not-a-real-token")):
        reply = await client.get("/api/v1/handovers", headers=headers)
        assert reply.status == 401
        assert "error" in await reply.json()
        assert reply.headers["WWW-Authenticate"].startswith("Bearer")
    with session_scope(api_db) as session:
        row, token = create_token(session, "organization", _unique("org"))
        token_id = row.id
    assert (await client.get("/api/v1/handovers", headers=_auth(token))).status == 200
    with session_scope(api_db) as session:
        revoke_token(session, token_id)
    assert (await client.get("/api/v1/handovers", headers=_auth(token))).status == 401


async def test_an_organisation_sees_only_its_own_cases_and_their_contact(
    client: TestClient, api_db: str
) -> None:
    mine, theirs = _unique("org"), _unique("org")
    own_id = make_handover(api_db, organization_id=mine, contact_value="+31687654321")
    other_id = make_handover(api_db, organization_id=theirs)
    token = _auth(_token(api_db, "organization", mine))

    listing = await (await client.get("/api/v1/handovers", headers=token)).json()
    assert [item["id"] for item in listing["handovers"]] == [own_id] and listing["count"] == 1
    own = await (await client.get(f"/api/v1/handovers/{own_id}", headers=token)).json()
    assert own["contact"] == {"method": "phone", "value": "+31687654321"}

    other = await client.get(f"/api/v1/handovers/{other_id}", headers=token)
    missing = await client.get(f"/api/v1/handovers/{uuid.uuid4()}", headers=token)
    garbage = await client.get("/api/v1/handovers/not-a-uuid", headers=token)
    assert other.status == missing.status == garbage.status == 404
    # Same answer whether it exists elsewhere or not at all: existence is not leaked.
    assert await other.json() == await missing.json() == {"error": "handover not found"}
    change = await client.post(
        f"/api/v1/handovers/{other_id}/status", headers=token, json={"status": "accepted"}
    )
    assert change.status == 404


async def test_a_coordinator_sees_the_municipality_without_contact_details(
    client: TestClient, api_db: str
) -> None:
    code, elsewhere = _municipality(), _municipality()
    ids = {
        make_handover(api_db, municipality_code=code, organization_id=_unique("org"))
        for _ in range(2)
    }
    foreign = make_handover(api_db, municipality_code=elsewhere)
    token = _auth(_token(api_db, "coordinator", code))
    listing = await (await client.get("/api/v1/handovers", headers=token)).json()
    assert {item["id"] for item in listing["handovers"]} == ids
    assert all("contact" not in item for item in listing["handovers"])
    one = await (await client.get(f"/api/v1/handovers/{next(iter(ids))}", headers=token)).json()
    assert "contact" not in one
    assert (await client.get(f"/api/v1/handovers/{foreign}", headers=token)).status == 404
    other_filter = await client.get(f"/api/v1/handovers?municipality={elsewhere}", headers=token)
    assert (await other_filter.json())["handovers"] == []
    change = await client.post(
        f"/api/v1/handovers/{next(iter(ids))}/status", headers=token, json={"status": "accepted"}
    )
    assert change.status == 403


async def test_admins_see_all_without_contact_and_ambassadors_are_refused(
    client: TestClient, api_db: str
) -> None:
    handover_id = make_handover(api_db)
    admin = _auth(_token(api_db, "admin"))
    document = await (await client.get(f"/api/v1/handovers/{handover_id}", headers=admin)).json()
    assert "contact" not in document
    ambassador = _auth(_token(api_db, "ambassador", name="Fatima B."))
    reply = await client.get("/api/v1/handovers", headers=ambassador)
    assert reply.status == 403 and "error" in await reply.json()


async def test_the_json_fields_are_the_documented_contract(client: TestClient, api_db: str) -> None:
    org = _unique("org")
    handover_id = make_handover(
        api_db,
        organization_id=org,
        route=Route.URGENT,
        threats=("eviction",),
        language="ar",
        channel="ambassador",
        referrer_ambassador_id="amb-3",
        referrer_meeting_code="SMN-0412",
    )
    token = _auth(_token(api_db, "organization", org))
    document = await (await client.get(f"/api/v1/handovers/{handover_id}", headers=token)).json()
    assert list(document) == [*FIELDS, "contact"]
    assert document["route"] == "urgent" and document["urgent"] is True
    assert document["threats"] == ["eviction"]
    assert document["referrer"] == {"ambassador_id": "amb-3", "meeting_code": "SMN-0412"}
    assert set(document["consent"]) == {"given_at", "text_version"}
    assert document["consent"]["text_version"].endswith("/ar")
    for key in ("created_at", "due_at"):
        assert datetime.fromisoformat(document[key]).utcoffset() == timedelta(0)
    schema = OPENAPI["components"]["schemas"]["Handover"]
    assert schema["required"] == list(FIELDS)
    assert set(schema["properties"]) == {*FIELDS, "contact"}

    served = await client.get("/api/v1/openapi.json")
    spec = await served.json()
    assert served.status == 200 and spec["openapi"].startswith("3.")
    assert {
        "/api/v1/handovers",
        "/api/v1/handovers/{handover_id}",
        "/api/v1/handovers/{handover_id}/status",
    } <= set(spec["paths"])
    health = await client.get("/api/v1/health")
    assert health.status == 200 and (await health.json()) == {"status": "ok"}
    unknown = await client.get("/api/v1/nothing-here", headers=token)
    assert unknown.status == 404 and "error" in await unknown.json()


async def test_list_filters_by_status_municipality_and_since(
    client: TestClient, api_db: str
) -> None:
    org, code = _unique("org"), _municipality()
    first = make_handover(api_db, organization_id=org, municipality_code=code)
    second = make_handover(api_db, organization_id=org)
    token = _auth(_token(api_db, "organization", org))
    await client.post(
        f"/api/v1/handovers/{second}/status", headers=token, json={"status": "accepted"}
    )

    async def ids(query: str) -> list[str]:
        reply = await client.get(f"/api/v1/handovers?{query}", headers=token)
        assert reply.status == 200, await reply.text()
        return [item["id"] for item in (await reply.json())["handovers"]]

    assert await ids("") == [first, second]
    assert await ids("status=accepted") == [second]
    assert await ids(f"municipality={code}") == [first]
    assert await ids("since=2000-01-01T00:00:00Z") == [first, second]
    assert await ids("since=2999-01-01") == []
    assert await ids("limit=1") == [first]
    for bad in ("status=lost", "municipality=Utrecht", "since=yesterday", "limit=0", "limit=x"):
        reply = await client.get(f"/api/v1/handovers?{bad}", headers=token)
        assert reply.status == 400, bad
        assert "error" in await reply.json()


async def test_status_changes_over_http(client: TestClient, api_db: str) -> None:
    org = _unique("org")
    handover_id = make_handover(api_db, organization_id=org)
    row_token = _token(api_db, "organization", org)
    token = _auth(row_token)
    url = f"/api/v1/handovers/{handover_id}/status"

    accepted = await client.post(url, headers=token, json={"status": "accepted"})
    assert accepted.status == 200
    document = await accepted.json()
    assert document["status"] == "accepted" and "contact" in document

    again = await client.post(url, headers=token, json={"status": "accepted"})
    assert again.status == 409 and "cannot go from 'accepted'" in (await again.json())["error"]
    no_reason = await client.post(url, headers=token, json={"status": "unreachable"})
    assert no_reason.status == 422
    unknown = await client.post(url, headers=token, json={"status": "lost"})
    assert unknown.status == 422
    not_json = await client.post(url, headers=token, data=b"{status", allow_redirects=False)
    assert not_json.status == 400
    not_object = await client.post(url, headers=token, json=["accepted"])
    assert not_object.status == 400
    bad_reason = await client.post(url, headers=token, json={"status": "declined", "reason": 3})
    assert bad_reason.status == 422

    declined = await client.post(
        url, headers=token, json={"status": "declined", "reason": "already helped by wijkteam"}
    )
    assert declined.status == 200 and (await declined.json())["status"] == "declined"
    with session_scope(api_db) as session:
        events = (
            session.execute(
                select(HandoverStatusEvent)
                .where(HandoverStatusEvent.handover_id == handover_id)
                .order_by(HandoverStatusEvent.id)
            )
            .scalars()
            .all()
        )
    assert [event.status for event in events] == ["new", "accepted", "declined"]
    assert events[1].actor.startswith(f"organization:{org} (token ")
    assert events[2].reason == "already helped by wijkteam"
