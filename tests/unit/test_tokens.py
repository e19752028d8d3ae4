"""API tokens: stored hashed, shown once, revocable; and the CLI commands around them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.api.models import ApiToken
from bot.api.tokens import (
    TokenError,
    authenticate,
    create_token,
    hash_token,
    revoke_token,
)
from bot.cli.main import main as wegwijs
from bot.handover.models import DeliveryEndpoint
from bot.privacy.sealing import unseal
from bot.storage.db import session_scope


def test_tokens_are_stored_hashed_and_can_be_revoked(db_url: str) -> None:
    with session_scope(db_url) as session:
        row, token = create_token(session, "organization", "org-1")
        token_id = row.id
    assert token.startswith("wgw_") and len(token) > 40
    with session_scope(db_url) as session:
        stored = session.get(ApiToken, token_id)
        assert stored.token_hash == hash_token(token) and token not in stored.token_hash
        principal = authenticate(session, token)
        assert (principal.role, principal.subject) == ("organization", "org-1")
        assert principal.actor == f"organization:org-1 (token {token_id})"
        assert authenticate(session, token + "x") is None
        assert authenticate(session, "not-even-prefixed") is None
        revoke_token(session, token_id)
    with session_scope(db_url) as session:
        assert authenticate(session, token) is None
        with pytest.raises(TokenError, match="no token"):
            revoke_token(session, 9999)
        ambassador, _ = create_token(session, "ambassador", name="Fatima B.")
        assert ambassador.subject == "fatima-b"
        for role, subject in (("coordinator", "Utrecht"), ("organization", None), ("root", "x")):
            with pytest.raises(TokenError):
                create_token(session, role, subject)
        with pytest.raises(TokenError, match="--name"):
            create_token(session, "ambassador")


def test_token_and_delivery_commands(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEGWIJS_DATABASE_URL", sqlite_url)
    assert wegwijs(["token", "create", "--org", "humanitas-utrecht"]) == 0
    created = capsys.readouterr().out
    token = created.strip().splitlines()[-1]
    assert "shown only this once" in created and token.startswith("wgw_")
    assert wegwijs(["token", "create", "--role", "coordinator", "--municipality", "GM0344"]) == 0
    assert wegwijs(["token", "create", "--role", "admin"]) == 0
    assert wegwijs(["token", "create", "--role", "ambassador", "--name", "Fatima B."]) == 0
    capsys.readouterr()
    assert wegwijs(["token", "list"]) == 0
    listing = capsys.readouterr().out
    assert "humanitas-utrecht" in listing and "GM0344" in listing and "fatima-b" in listing
    assert token not in listing
    assert wegwijs(["token", "revoke", "1"]) == 0
    assert wegwijs(["token", "create", "--role", "coordinator"]) == 2
    assert "needs --municipality" in capsys.readouterr().err
    assert wegwijs(["token", "revoke", "99"]) == 2

    assert (
        wegwijs(["delivery", "set", "--org", "humanitas-utrecht", "--webhook", "https://h.test/w"])
        == 0
    )
    out = capsys.readouterr().out
    secret = out.strip().splitlines()[-1]
    assert wegwijs(["delivery", "set", "--coordinator", "GM0344", "--email", "c@utrecht.test"]) == 0
    assert wegwijs(["delivery", "set", "--org", "voedselbank", "--whatsapp", "06 12345678"]) == 0
    assert wegwijs(["delivery", "set", "--coordinator", "Utrecht", "--email", "c@u.test"]) == 2
    assert wegwijs(["delivery", "set", "--org", "x", "--webhook", "http://h.test/w"]) == 2
    capsys.readouterr()
    assert wegwijs(["delivery", "list"]) == 0
    listing = capsys.readouterr().out
    assert "+31612345678" in listing and "https://h.test/w" in listing and secret not in listing
    with session_scope(sqlite_url) as session:
        webhook = session.execute(
            select(DeliveryEndpoint).where(DeliveryEndpoint.owner_id == "humanitas-utrecht")
        ).scalar_one()
        assert webhook.secret_sealed != secret and unseal(webhook.secret_sealed) == secret
