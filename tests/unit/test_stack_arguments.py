"""The Rasa server's command line survives any generated token."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.__main__ import create_argument_parser

from bot.cli.stack import Stack


@pytest.mark.parametrize("token", ["-starts-with-a-dash", "--two-dashes", "plain_Token-123"])
def test_rasa_reads_the_token_whatever_it_starts_with(
    token: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """token_urlsafe starts with "-" one time in 64; Rasa then refused to start."""
    monkeypatch.setenv("WEGWIJS_RASA_TOKEN", token)
    stack = Stack(model=tmp_path / "model.tar.gz", rasa_port=5999, actions_port=5998,
                  log_dir=tmp_path)  # fmt: skip
    parsed = create_argument_parser().parse_args(stack.rasa_arguments())
    assert parsed.auth_token == token
    assert parsed.port == 5999
    assert parsed.enable_api
