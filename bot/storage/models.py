"""Imports every module that defines tables, so Alembic and tests see the whole schema."""

from bot.api import models as api_models  # noqa: F401
from bot.handover import models as handover_models  # noqa: F401
from bot.socialmap import models as socialmap_models  # noqa: F401
from connectors.twilio import models as twilio_models  # noqa: F401
from connectors.webchat import models as webchat_models  # noqa: F401
