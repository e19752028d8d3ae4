"""Contact details are sealed at rest with Fernet; the key never sits in the database.

The key comes from ``WEGWIJS_SECRET_KEY`` (production) or is generated once into var/
(embedded default). The same secret also keys the HMACs that make handovers idempotent
without storing who the resident is.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.fernet import Fernet

from bot.config import var_dir


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def secret_key() -> str:
    """The Fernet key: env first, else var/secret.key created with mode 0600."""
    key = os.environ.get("WEGWIJS_SECRET_KEY")
    if key:
        return key
    path = var_dir() / "secret.key"
    if not path.exists():
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_text().strip()


def seal(plain: str) -> str:
    """Encrypt (and authenticate) a contact detail for storage."""
    return _fernet(secret_key()).encrypt(plain.encode()).decode()


def unseal(token: str) -> str:
    """Decrypt a sealed value; raises cryptography's InvalidToken if tampered with."""
    return _fernet(secret_key()).decrypt(token.encode()).decode()


def keyed_digest(*parts: str) -> str:
    """A stable pseudonym for identifiers we must recognise but should not keep."""
    message = "\x1f".join(parts).encode()
    return hmac.new(secret_key().encode(), message, hashlib.sha256).hexdigest()
