"""Starts and stops the processes of a running Wegwijs: action server, Rasa server, the
partner API and the delivery worker.

Used by ``wegwijs run`` and by the end-to-end tests, so what the tests start is exactly what
an operator starts. Each child gets its own process group, so stopping also stops whatever
the child started; nothing is left behind after Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import PROJECT_ROOT, database_url, rasa_auth_token

STOP_GRACE_SECONDS = 10


class StackError(RuntimeError):
    """A process did not start or died; the message says which and where its log is."""


@dataclass
class Service:
    """One child process; ready when its URL answers 200, or, for a process without HTTP
    (the worker), when it has touched its heartbeat file since it was started."""

    name: str
    command: list[str]
    ready_url: str | None
    log_path: Path
    process: subprocess.Popen | None = None
    heartbeat: Path | None = None
    started_at: float = 0.0

    def is_ready(self) -> bool:
        if self.heartbeat is not None:
            return _touched_since(self.heartbeat, self.started_at)
        return self.ready_url is not None and _answers(self.ready_url)


@dataclass
class Stack:
    """Action server, Rasa server, partner API and worker on loopback, sharing one database."""

    model: Path
    rasa_port: int
    actions_port: int
    log_dir: Path
    host: str = "127.0.0.1"
    database: str = field(default_factory=database_url)
    # None: a free loopback port is picked at start (tests); `wegwijs run` passes Ports().api.
    api_port: int | None = None
    services: list[Service] = field(default_factory=list)

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def webchat_url(self) -> str:
        return f"{self.rasa_url}/webhooks/webchat/"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.api_port}/api/v1"

    @property
    def heartbeat_path(self) -> Path:
        return self.log_dir / "worker.heartbeat"

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            WEGWIJS_DATABASE_URL=self.database,
            WEGWIJS_ACTION_ENDPOINT=f"{self.actions_url}/webhook",
            SANIC_HOST=self.host,
            PYTHONUNBUFFERED="1",
            TF_CPP_MIN_LOG_LEVEL="2",
        )
        return env

    def rasa_arguments(self) -> list[str]:
        """`rasa run ...` arguments (bot.cli.rasa_server is `rasa` with a faster check)."""
        return [
            "run",
            "--model",
            str(self.model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
            "--interface",
            self.host,
            "--port",
            str(self.rasa_port),
            "--enable-api",
            # One argument: a generated token may start with "-", which argparse would take
            # for an option of its own (and Rasa would exit at start, 1 time in 64).
            f"--auth-token={rasa_auth_token()}",
        ]

    def start(self) -> None:
        """Start every process (actions first: Rasa calls it from the first message on)."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if self.api_port is None:
            self.api_port = free_port(self.host)
        self.heartbeat_path.unlink(missing_ok=True)
        wegwijs = [sys.executable, "-m", "bot.cli.main"]
        self.services = [
            Service(
                "action server",
                [
                    sys.executable,
                    "-m",
                    "rasa_sdk",
                    "--actions",
                    "actions",
                    "--port",
                    str(self.actions_port),
                ],
                f"{self.actions_url}/health",
                self.log_dir / "actions.log",
            ),
            Service(
                "rasa server",
                [sys.executable, "-m", "bot.cli.rasa_server", *self.rasa_arguments()],
                f"{self.rasa_url}/",
                self.log_dir / "rasa.log",
            ),
            Service(
                "api",
                [*wegwijs, "api", "--host", self.host, "--port", str(self.api_port)],
                f"{self.api_url}/health",
                self.log_dir / "api.log",
            ),
            Service(
                "worker",
                [*wegwijs, "worker", "--heartbeat", str(self.heartbeat_path)],
                None,
                self.log_dir / "worker.log",
                heartbeat=self.heartbeat_path,
            ),
        ]
        for service in self.services:
            service.started_at = time.time()
            log = service.log_path.open("ab")
            service.process = subprocess.Popen(  # fixed argument lists
                service.command,
                cwd=PROJECT_ROOT,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            log.close()

    def wait_ready(self, timeout: float = 180.0) -> None:
        """Poll each service until it answers; fail early when one exits."""
        deadline = time.monotonic() + timeout
        for service in self.services:
            while not service.is_ready():
                self._check_alive(service)
                if time.monotonic() > deadline:
                    raise StackError(
                        f"{service.name} not ready after {timeout:.0f}s; see {service.log_path}"
                    )
                time.sleep(0.5)

    def check_alive(self) -> None:
        for service in self.services:
            self._check_alive(service)

    def stop(self) -> None:
        """SIGTERM to every process group, then SIGKILL what is still there after a grace."""
        for service in reversed(self.services):
            _signal_group(service.process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for service in self.services:
            if service.process is None:
                continue
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(service.process, signal.SIGKILL)
                service.process.wait()

    @staticmethod
    def _check_alive(service: Service) -> None:
        if service.process is not None and service.process.poll() is not None:
            raise StackError(
                f"{service.name} exited with code {service.process.returncode}; "
                f"see {service.log_path}"
            )


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:  # loopback
            return reply.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _touched_since(path: Path, since: float) -> bool:
    try:
        return path.stat().st_mtime >= since - 1  # coarse file-system clocks
    except OSError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _signal_group(process: subprocess.Popen | None, sig: signal.Signals) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


@contextmanager
def sample_stack(folder: Path, model: Path, ready_timeout: float = 300.0) -> Iterator[Stack]:
    """A throw-away assistant: fresh SQLite in ``folder``, sample social map, free ports.

    For tests, benchmarks and demos. While it runs, ``WEGWIJS_DATABASE_URL`` points at its
    database so `wegwijs` commands run in the same process (tokens, meetings) reach it too.
    """
    from bot.socialmap.importer import load_samples
    from bot.storage import migrate
    from bot.storage.db import session_scope

    url = f"sqlite:///{folder / 'wegwijs.db'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        load_samples(session)
    previous = os.environ.get("WEGWIJS_DATABASE_URL")
    os.environ["WEGWIJS_DATABASE_URL"] = url
    running = Stack(
        model=model,
        rasa_port=free_port(),
        actions_port=free_port(),
        log_dir=folder / "logs",
        database=url,
    )
    try:
        running.start()
        running.wait_ready(timeout=ready_timeout)
        yield running
    finally:
        running.stop()
        if previous is None:
            os.environ.pop("WEGWIJS_DATABASE_URL", None)
        else:
            os.environ["WEGWIJS_DATABASE_URL"] = previous
