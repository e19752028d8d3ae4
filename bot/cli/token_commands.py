"""``wegwijs token create|list|revoke``: bearer tokens for the partner API."""

from __future__ import annotations

import argparse

from bot.api.models import ROLES
from bot.api.tokens import TokenError, create_token, list_tokens, revoke_token
from bot.cli.errors import CommandError
from bot.config import database_url
from bot.storage.db import session_scope


def register(subparsers: argparse._SubParsersAction) -> None:
    token = subparsers.add_parser("token", help="API tokens for organisations and coordinators")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser(
        "create",
        help="create a token (printed once)",
        description="Examples: --org humanitas-utrecht | --role coordinator --municipality "
        "GM0344 | --role admin | --role ambassador --name 'Fatima B.'",
    )
    create.add_argument("--org", help="organisation id (implies --role organization)")
    create.add_argument("--role", choices=ROLES, help="organization, coordinator, admin, ...")
    create.add_argument("--municipality", help="GMxxxx, for a coordinator token")
    create.add_argument("--name", default="", help="who holds it (required for ambassadors)")
    create.add_argument("--ambassador-id", help="ambassador id (default: from the name)")
    create.set_defaults(func=_create)
    listing = token_sub.add_parser("list", help="list tokens (never the tokens themselves)")
    listing.set_defaults(func=_list)
    revoke = token_sub.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(func=_revoke)


def _create(args: argparse.Namespace) -> int:
    role = args.role or ("organization" if args.org else None)
    if role is None:
        raise CommandError("say whose token it is: --org ORG_ID or --role ROLE")
    subject = {
        "organization": args.org,
        "coordinator": args.municipality,
        "ambassador": args.ambassador_id,
    }.get(role)
    try:
        with session_scope(database_url()) as session:
            row, token = create_token(session, role, subject, args.name)
            token_id, subject = row.id, row.subject
    except TokenError as error:
        raise CommandError(str(error)) from error
    scope = f" for {subject}" if subject else ""
    print(f"Created token {token_id} ({role}{scope}). It is shown only this once:")
    print(token)
    return 0


def _list(_args: argparse.Namespace) -> int:
    with session_scope(database_url()) as session:
        rows = list_tokens(session)
        for row in rows:
            state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
            print(
                f"{row.id:>4}  {row.role:<12} {row.subject or '-':<24} "
                f"{row.name or '-':<24} {row.created_at:%Y-%m-%d}  {state}"
            )
    if not rows:
        print("no tokens yet")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    try:
        with session_scope(database_url()) as session:
            revoke_token(session, args.id)
    except TokenError as error:
        raise CommandError(str(error)) from error
    print(f"token {args.id} revoked")
    return 0
