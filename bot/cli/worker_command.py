"""``wegwijs worker``: delivers the outbox and escalates overdue cases until stopped.

SIGTERM or SIGINT (Ctrl-C) ends it cleanly after the current round: nothing is lost either
way, since an interrupted claim simply expires and is picked up again.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from datetime import timedelta
from pathlib import Path

from bot.cli.errors import CommandError
from bot.config import database_url
from bot.handover.delivery.senders import Senders
from bot.handover.outbox import OutboxSettings
from bot.handover.worker import Worker
from bot.privacy.retention import retention_days

log = logging.getLogger("wegwijs.worker")


def register(subparsers: argparse._SubParsersAction) -> None:
    worker = subparsers.add_parser("worker", help="deliver handovers, escalate overdue cases")
    worker.add_argument(
        "--interval", type=float, default=5.0, help="seconds between rounds (default 5)"
    )
    worker.add_argument(
        "--heartbeat", type=Path, default=None, help="file touched after every round"
    )
    worker.add_argument("--once", action="store_true", help="one round, then exit")
    worker.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(_work(args))
    return 0


async def _work(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        senders_from_env = Senders.from_env()
    except ValueError as error:
        raise CommandError(f"delivery settings: {error}") from error
    try:
        retention = timedelta(days=retention_days())
    except ValueError as error:
        raise CommandError(str(error)) from error
    async with senders_from_env as senders:
        for channel in ("email", "sms", "whatsapp"):
            reason = senders.unavailable(channel)
            if reason:
                log.warning("%s deliveries will wait: %s", channel, reason)
        worker = Worker(
            database_url(),
            senders,
            OutboxSettings.from_env(),
            interval=args.interval,
            heartbeat=args.heartbeat,
            retention=retention,
        )
        if args.once:
            result = await worker.run_once()
            worker.beat()
            print(
                f"escalated {result.escalated}, delivered {result.delivered}, "
                f"failed {result.failed}, waiting for settings {result.waiting}, "
                f"conversations past retention deleted {result.purged}"
            )
            return
        await worker.run(stop)
