"""The credentials.yml snippet from the README loads through Rasa's own channel factory."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rasa.core.run import create_http_input_channels
from rasa.shared.exceptions import RasaException

from connectors.twilio import TwilioMessagingInput
from connectors.twilio.outbound import fake_api_base

README = Path(__file__).resolve().parents[2] / "connectors" / "twilio" / "README.md"
ENV = {
    "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
    "TWILIO_AUTH_TOKEN": "secret-token",
    "TWILIO_SMS_NUMBER": "+3197010000001",
    "TWILIO_WHATSAPP_NUMBER": "whatsapp:+3197010000002",
    "WEGWIJS_PUBLIC_URL": "https://wegwijs.example.nl/",
}


def snippet_enabled() -> str:
    """The README's snippet with the channel block uncommented, as an operator would."""
    block = re.search(
        r"<!-- credentials-snippet -->\s*```yaml\n(.*?)```", README.read_text(), re.S
    ).group(1)
    lines = block.splitlines()
    start = lines.index("# connectors.twilio.TwilioMessagingInput:")
    return "\n".join(line.removeprefix("# ") for line in lines[start:]) + "\n"


def test_the_readme_snippet_creates_the_channel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(snippet_enabled())

    [channel] = create_http_input_channels(None, str(credentials))

    assert isinstance(channel, TwilioMessagingInput)
    assert channel.url_prefix() == "twilio_messaging"
    assert channel.public_url == "https://wegwijs.example.nl"
    assert channel.messenger.numbers == {"sms": "+3197010000001", "whatsapp": "+3197010000002"}


def test_unset_variables_stop_rasa_which_is_why_the_block_is_commented_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(snippet_enabled())

    with pytest.raises(RasaException, match="TWILIO_"):
        create_http_input_channels(None, str(credentials))


@pytest.mark.parametrize(
    ("credentials", "missing"),
    [
        ({}, "account_sid"),
        ({"account_sid": "AC1", "auth_token": "", "sms_number": "+31"}, "auth_token"),
        ({"account_sid": "AC1", "auth_token": "t"}, "sms_number or whatsapp_number"),
    ],
)
def test_incomplete_credentials_give_a_clear_error(credentials: dict, missing: str) -> None:
    with pytest.raises(RasaException, match=missing):
        TwilioMessagingInput.from_credentials(credentials)


def test_the_fake_api_base_must_be_loopback() -> None:
    assert fake_api_base("http://127.0.0.1:8123/") == "http://127.0.0.1:8123"
    assert fake_api_base("http://localhost:8123") == "http://localhost:8123"
    assert fake_api_base("") is None
    with pytest.raises(ValueError, match="loopback"):
        fake_api_base("https://evil.example.com")
