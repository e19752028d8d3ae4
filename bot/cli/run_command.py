"""``wegwijs run``: the whole assistant on this machine, stopped cleanly with Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import time
from pathlib import Path

from bot.cli.errors import CommandError
from bot.cli.stack import Stack, StackError
from bot.config import PROJECT_ROOT, Ports, var_dir
from bot.storage import migrate


def register(subparsers: argparse._SubParsersAction) -> None:
    ports = Ports()
    run = subparsers.add_parser("run", help="start the assistant, partner API and worker")
    run.add_argument("--model", type=Path, default=None, help="model archive (default: newest)")
    run.add_argument("--rasa-port", type=int, default=ports.rasa)
    run.add_argument("--actions-port", type=int, default=ports.actions)
    run.add_argument("--api-port", type=int, default=ports.api)
    run.add_argument("--host", default=ports.host)
    run.set_defaults(func=_run)


def newest_model(models_dir: Path = PROJECT_ROOT / "models") -> Path:
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not models:
        raise CommandError(f"no trained model in {models_dir}: run `make train` first")
    return models[-1]


def _run(args: argparse.Namespace) -> int:
    migrate.upgrade()
    stack = Stack(
        model=args.model or newest_model(),
        rasa_port=args.rasa_port,
        actions_port=args.actions_port,
        api_port=args.api_port,
        host=args.host,
        log_dir=var_dir() / "logs",
    )
    stopping = False
    ready = False

    def request_stop(_signum: int, _frame: object) -> None:
        """Ctrl-C or SIGTERM: leave the wait loop; during start-up, abort it at once."""
        nonlocal stopping
        stopping = True
        if not ready:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    print("Starting Wegwijs (this takes about half a minute)...", flush=True)
    try:
        stack.start()
        stack.wait_ready()
        ready = True
        print(
            "\nWegwijs is running:\n"
            f"  Web chat        {stack.webchat_url}\n"
            f"  REST channel    {stack.rasa_url}/webhooks/rest/webhook\n"
            f"  Rasa HTTP API   {stack.rasa_url}/  (token in {var_dir() / 'rasa_auth_token'})\n"
            f"  Action server   {stack.actions_url}/health\n"
            f"  Partner API     {stack.api_url}/handovers  (docs: {stack.api_url}/openapi.json)\n"
            f"  Worker          delivering; heartbeat in {stack.heartbeat_path}\n"
            f"  Logs            {stack.log_dir}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while not stopping:
            stack.check_alive()
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass  # stopped during start-up; the finally block stops what was started
    except StackError as error:
        raise CommandError(str(error)) from error
    finally:
        print("\nStopping Wegwijs...", flush=True)
        stack.stop()
        print("Stopped.", flush=True)
    return 0
