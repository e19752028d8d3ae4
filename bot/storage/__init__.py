"""Database access: one engine per URL, a shared declarative base, Alembic migrations."""

from bot.storage.base import Base
from bot.storage.db import get_engine, session_scope

__all__ = ["Base", "get_engine", "session_scope"]
