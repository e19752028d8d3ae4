"""Rasa NLU components: thin wrappers over bot.language and bot.geo."""
