"""`wegwijs worker` and `wegwijs api` as real processes: ready signals and clean stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.cli.stack import Service
from bot.config import PROJECT_ROOT
from tests.fakes.net import free_port


def _start(args: list[str], url: str, log: Path) -> subprocess.Popen:
    env = dict(os.environ, WEGWIJS_DATABASE_URL=url, PYTHONUNBUFFERED="1")
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", *args],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not ready in time"
        time.sleep(0.05)


def _health(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as reply:
            return reply.status == 200
    except OSError:
        return False


def test_worker_and_api_processes_signal_readiness_and_stop_on_sigterm(
    sqlite_url: str, tmp_path: Path
) -> None:
    heartbeat = tmp_path / "worker.heartbeat"
    port = free_port()
    worker = _start(
        ["worker", "--interval", "0.1", "--heartbeat", str(heartbeat)],
        sqlite_url,
        tmp_path / "worker.log",
    )
    api = _start(["api", "--port", str(port)], sqlite_url, tmp_path / "api.log")
    try:
        service = Service("worker", [], None, tmp_path / "worker.log", heartbeat=heartbeat)
        service.started_at = time.time()
        _wait(service.is_ready)
        _wait(lambda: _health(f"http://127.0.0.1:{port}/api/v1/health"))
        api_service = Service("api", [], f"http://127.0.0.1:{port}/api/v1/health", tmp_path)
        assert api_service.is_ready()
    finally:
        for process in (worker, api):
            os.kill(process.pid, signal.SIGTERM)
    assert worker.wait(timeout=10) == 0
    assert api.wait(timeout=10) == 0
    log = (tmp_path / "worker.log").read_text()
    assert "stopped" in log and "Traceback" not in log
