"""Language identification (nl / tr / ar) and the sticky choice of the reply language."""

from bot.language.detect import Detection, LanguageIdentifier
from bot.language.sticky import choose_reply_language

__all__ = ["Detection", "LanguageIdentifier", "choose_reply_language"]
