"""Entry point of ``wegwijs``: builds the argument parser from the sub-command modules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli import (
    api_command,
    db_commands,
    delivery_commands,
    handover_commands,
    meeting_commands,
    run_command,
    socialmap_commands,
    token_commands,
    worker_command,
)
from bot.cli.errors import CommandError

# Each module exposes ``register(subparsers)`` and sets ``func`` on the parsers it adds.
COMMAND_MODULES = [
    run_command,
    db_commands,
    socialmap_commands,
    token_commands,
    delivery_commands,
    handover_commands,
    worker_command,
    api_command,
    meeting_commands,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wegwijs", description="Wegwijs admin: run the assistant, manage its data."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CommandError as error:
        print(f"wegwijs: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
