"""``wegwijs api``: the partner API (handovers and their status) over HTTP."""

from __future__ import annotations

import argparse
import logging

from aiohttp import web

from bot.api.app import create_app
from bot.config import Ports


def register(subparsers: argparse._SubParsersAction) -> None:
    ports = Ports()
    api = subparsers.add_parser("api", help="serve the partner API")
    api.add_argument("--port", type=int, default=ports.api)
    api.add_argument("--host", default=ports.host)
    api.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    web.run_app(
        create_app(),
        host=args.host,
        port=args.port,
        print=lambda _text: print(
            f"Wegwijs partner API on http://{args.host}:{args.port}/api/v1/ "
            "(OpenAPI at /api/v1/openapi.json)",
            flush=True,
        ),
    )
    return 0
