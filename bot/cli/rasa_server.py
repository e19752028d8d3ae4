"""Rasa's own command line, with the action-server response check compiled once.

Rasa 3.6 checks every custom action's response with ``jsonschema.validate``, which first
re-validates Rasa's large event schema itself: about 50 ms of CPU per action call on this
machine, several calls per message. We keep exactly the same check but build the validator
once (``python -m bot.cli.rasa_server run ...`` is ``rasa run ...`` otherwise).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """Same outcome and error as RemoteAction._validate_action_result, without the rebuild."""
    error = best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def main() -> None:
    RemoteAction._validate_action_result = validate_action_result
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
