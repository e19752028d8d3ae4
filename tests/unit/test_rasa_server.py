"""The faster action-response check must accept and reject exactly what Rasa's does."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.cli.rasa_server import validate_action_result

GOOD = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "language", "value": "tr", "timestamp": None}],
        "responses": [{"response": "utter_greet", "offered_organization": "X"}],
    },
    {"events": [{"event": "followup", "name": "intake_form"}], "responses": [{"text": "hoi"}]},
]
BAD = [
    {"events": "not a list", "responses": []},
    {"events": [{"event": "slot", "value": 1}], "responses": []},
    {"events": [], "responses": ["not an object"]},
    {"events": [{"event": "no_such_event"}], "responses": []},
]
ACTION = RemoteAction("action_x", None)


@pytest.mark.parametrize("result", GOOD)
def test_valid_responses_pass_both(result: dict) -> None:
    assert ACTION._validate_action_result(result) is True
    assert validate_action_result(ACTION, result) is True


@pytest.mark.parametrize("result", BAD)
def test_invalid_responses_fail_both_with_the_same_message(result: dict) -> None:
    with pytest.raises(ValidationError) as rasa_error:
        ACTION._validate_action_result(result)
    with pytest.raises(ValidationError) as our_error:
        validate_action_result(ACTION, result)
    assert our_error.value.message == rasa_error.value.message
