"""Messages per second through one Rasa process, over the REST channel, with real actions.

Starts the same stack as `wegwijs run` (action server + Rasa server) on free loopback ports
against a throw-away SQLite database with the sample social map, then sends a fixed number of
short conversations from concurrent senders and reports throughput and latency percentiles.

    .venv/bin/python benchmarks/message_throughput.py --conversations 60 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

from bot.cli.stack import sample_stack
from bot.config import PROJECT_ROOT

CONVERSATION = [
    "hallo",
    "ik heb schulden en een betalingsachterstand",
    "Utrecht",
    "nee",
    "bedankt",
]


async def _conversation(session: aiohttp.ClientSession, url: str, latencies: list[float]) -> None:
    sender = f"bench-{uuid.uuid4().hex}"
    for text in CONVERSATION:
        started = time.perf_counter()
        async with session.post(url, json={"sender": sender, "message": text}) as reply:
            reply.raise_for_status()
            await reply.json()
        latencies.append(time.perf_counter() - started)


async def _drive(url: str, conversations: int, concurrency: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    limit = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession() as session:

        async def one() -> None:
            async with limit:
                await _conversation(session, url, latencies)

        await _conversation(session, url, [])  # warm-up: first call loads lazily
        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(conversations)))
        return time.perf_counter() - started, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "wegwijs.tar.gz")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        sample_stack(Path(folder), args.model) as stack,
    ):
        elapsed, latencies = asyncio.run(
            _drive(f"{stack.rasa_url}/webhooks/rest/webhook", args.conversations, args.concurrency)
        )
    count = len(latencies)
    latencies.sort()
    print(f"messages: {count} in {elapsed:.1f} s -> {count / elapsed:.1f} messages/s")
    print(
        f"latency ms: p50 {statistics.median(latencies) * 1000:.0f}, "
        f"p95 {latencies[int(count * 0.95) - 1] * 1000:.0f}, max {latencies[-1] * 1000:.0f}"
    )


if __name__ == "__main__":
    main()
