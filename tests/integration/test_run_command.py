"""`wegwijs run` (what `make run` starts): everything comes up, Ctrl-C stops everything.

Every process the command starts inherits a unique marker in its environment, so after the
stop we can look through /proc for anything left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from bot.config import PROJECT_ROOT
from tests.integration.conftest import free_port

STARTUP_SECONDS = 300


def processes_with_marker(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environment = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"WEGWIJS_TEST_MARKER={marker}".encode() in environment:
            found.append(int(entry.name))
    return found


def test_run_prints_the_urls_serves_the_chat_and_stops_cleanly_on_ctrl_c(
    trained_model: Path, tmp_path: Path
) -> None:
    marker = uuid.uuid4().hex
    rasa_port, actions_port, api_port = free_port(), free_port(), free_port()
    env = dict(
        os.environ,
        WEGWIJS_TEST_MARKER=marker,
        WEGWIJS_VAR_DIR=str(tmp_path / "var"),
        WEGWIJS_DATABASE_URL=f"sqlite:///{tmp_path / 'run.db'}",
    )
    command = [
        sys.executable, "-m", "bot.cli.main", "run", "--model", str(trained_model),
        "--rasa-port", str(rasa_port), "--actions-port", str(actions_port),
        "--api-port", str(api_port),
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = []
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            output.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        printed = "".join(output)
        assert "Wegwijs is running" in printed, printed
        webchat = f"http://127.0.0.1:{rasa_port}/webhooks/webchat/"
        assert webchat in printed and f"127.0.0.1:{api_port}" in printed
        with urllib.request.urlopen(webchat, timeout=10) as page:
            assert page.status == 200
        assert len(processes_with_marker(marker)) >= 4  # run + actions + rasa + api + worker

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        rest = process.stdout.read()
        assert "Stopped." in rest
        time.sleep(1)
        assert processes_with_marker(marker) == []  # no orphans
    finally:
        if process.poll() is None:
            process.kill()
