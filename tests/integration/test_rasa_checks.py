"""Rasa's own checks on the training data and the dialogue, as part of every test run."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from bot.intake import questions
from tests.integration.conftest import run_rasa

UNUSED_UTTERANCE = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")


def _responses_used_outside_stories() -> set[str]:
    """Responses Rasa 3.6's validator cannot see being used: form questions (the form's
    slots, including the ones bot.intake.questions adds dynamically) and responses sent by
    custom actions (named in actions/*.py). We check they really are used."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    asked = {*questions.QUESTIONS, questions.CONFIRMATION, questions.CORRECTION}
    for form in domain.get("forms", {}).values():
        asked.update(form.get("required_slots", []))
    used = {f"utter_ask_{slot}" for slot in asked}
    for source in (PROJECT_ROOT / "actions").glob("*.py"):
        used.update(re.findall(r'"(utter_\w+)"', source.read_text()))
    return used & set(domain["responses"])


def test_rasa_data_validate_has_no_warnings() -> None:
    """`rasa data validate` must be clean. Its one false alarm (rasa#11843 family: responses
    used by forms and actions count as unused) is accepted only for responses we prove are
    used; every other warning fails the build."""
    result = run_rasa("data", "validate", "--data", "data")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    warnings = [line for line in output.splitlines() if "UserWarning" in line]
    used = _responses_used_outside_stories()
    unexplained = [
        line
        for line in warnings
        if not ((match := UNUSED_UTTERANCE.search(line)) and match.group(1) in used)
    ]
    assert unexplained == [], "\n".join(unexplained)


def test_conversation_stories_pass(trained_model: Path, tmp_path: Path) -> None:
    result = run_rasa(
        "test",
        "core",
        "--model",
        str(trained_model),
        "--stories",
        "tests/test_stories.yml",
        "--out",
        str(tmp_path),
        "--fail-on-prediction-errors",
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, details[-6000:] + result.stdout[-3000:] + result.stderr[-3000:]
    assert "none of the test stories failed" in details.lower() or not details.strip(), details
