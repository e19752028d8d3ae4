"""Settings from the environment, with embedded defaults that work on a fresh clone."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def var_dir() -> Path:
    """Where the embedded database, keys and tokens live (``WEGWIJS_VAR_DIR``, default ``var/``)."""
    path = Path(os.environ.get("WEGWIJS_VAR_DIR", PROJECT_ROOT / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """``WEGWIJS_DATABASE_URL``, or SQLite under var/ so nothing needs installing to start."""
    url = os.environ.get("WEGWIJS_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{var_dir() / 'wegwijs.db'}"


def _secret_from_file(name: str, env_var: str) -> str:
    """A secret from the environment, else generated once into var/ (mode 0600)."""
    value = os.environ.get(env_var)
    if value:
        return value
    path = var_dir() / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def rasa_auth_token() -> str:
    """Token that guards Rasa's HTTP API; the API is never served open."""
    return _secret_from_file("rasa_auth_token", "WEGWIJS_RASA_TOKEN")


@dataclass(frozen=True)
class Ports:
    """Ports `wegwijs run` listens on (loopback unless WEGWIJS_HOST says otherwise)."""

    rasa: int = int(os.environ.get("WEGWIJS_RASA_PORT", "5005"))
    actions: int = int(os.environ.get("WEGWIJS_ACTIONS_PORT", "5055"))
    api: int = int(os.environ.get("WEGWIJS_API_PORT", "5080"))
    host: str = os.environ.get("WEGWIJS_HOST", "127.0.0.1")
