"""``wegwijs delivery set|list``: how organisations and coordinators receive cases."""

from __future__ import annotations

import argparse

from bot.cli.errors import CommandError
from bot.config import database_url
from bot.handover.delivery.endpoints import EndpointError, list_endpoints, set_endpoint
from bot.handover.outbox import COORDINATOR, ORGANIZATION
from bot.storage.db import session_scope


def register(subparsers: argparse._SubParsersAction) -> None:
    delivery = subparsers.add_parser("delivery", help="where cases and escalations are sent")
    delivery_sub = delivery.add_subparsers(dest="delivery_command", required=True)
    setting = delivery_sub.add_parser(
        "set",
        help="set an organisation's or coordinator's channel",
        description="Example: wegwijs delivery set --org humanitas-utrecht "
        "--webhook https://example.org/wegwijs",
    )
    owner = setting.add_mutually_exclusive_group(required=True)
    owner.add_argument("--org", help="organisation id (as on the social map)")
    owner.add_argument("--coordinator", metavar="GMxxxx", help="municipality's coordinator")
    channel = setting.add_mutually_exclusive_group(required=True)
    channel.add_argument("--webhook", metavar="URL", help="HTTPS URL; a signing secret is made")
    channel.add_argument("--email", metavar="ADDRESS")
    channel.add_argument("--sms", metavar="NUMBER")
    channel.add_argument("--whatsapp", metavar="NUMBER")
    setting.set_defaults(func=_set)
    listing = delivery_sub.add_parser("list", help="show the delivery settings")
    listing.set_defaults(func=_list)


def _set(args: argparse.Namespace) -> int:
    owner_kind, owner_id = (ORGANIZATION, args.org) if args.org else (COORDINATOR, args.coordinator)
    channel = next(name for name in ("webhook", "email", "sms", "whatsapp") if getattr(args, name))
    try:
        with session_scope(database_url()) as session:
            endpoint, secret, released = set_endpoint(
                session, owner_kind, owner_id, channel, getattr(args, channel)
            )
            target = endpoint.target
    except EndpointError as error:
        raise CommandError(str(error)) from error
    print(f"{owner_kind} {owner_id}: deliveries go by {channel} to {target}")
    if secret:
        print("Signing secret for X-Wegwijs-Signature (shown only this once; give it to them):")
        print(secret)
    if released:
        print(f"{released} waiting deliveries go out on the worker's next round")
    return 0


def _list(_args: argparse.Namespace) -> int:
    with session_scope(database_url()) as session:
        endpoints = list_endpoints(session)
        for endpoint in endpoints:
            print(
                f"{endpoint.owner_kind:<12} {endpoint.owner_id:<28} {endpoint.channel:<9} "
                f"{endpoint.target}"
            )
    if not endpoints:
        print("no delivery settings yet: wegwijs delivery set --org ORG_ID --webhook URL")
    return 0
