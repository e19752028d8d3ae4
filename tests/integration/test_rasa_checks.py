"""Rasa's own checks on the training data and the dialogue, as part of every test run."""

from __future__ import annotations

from pathlib import Path

from tests.integration.conftest import run_rasa


def test_rasa_data_validate_has_no_warnings() -> None:
    result = run_rasa("data", "validate", "--fail-on-warnings", "--data", "data")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_conversation_stories_pass(trained_model: Path, tmp_path: Path) -> None:
    result = run_rasa(
        "test", "core",
        "--model", str(trained_model),
        "--stories", "tests/test_stories.yml",
        "--out", str(tmp_path),
        "--fail-on-prediction-errors",
    )
    failed = (tmp_path / "failed_test_stories.yml")
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, details[-6000:] + result.stdout[-3000:] + result.stderr[-3000:]
    assert "none of the test stories failed" in details.lower() or not details.strip(), details
