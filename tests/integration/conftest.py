"""Fixtures for tests that need the trained model and real Rasa processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.stack import free_port as stack_free_port
from bot.config import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "wegwijs.tar.gz"
RASA = Path(sys.executable).parent / "rasa"


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model `make test` trains first; without it these tests cannot mean anything."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it for you)")
    return MODEL


free_port = stack_free_port


def run_rasa(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """A rasa CLI command in the project folder, output captured for the assertion message."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    return subprocess.run(
        [str(RASA), *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
