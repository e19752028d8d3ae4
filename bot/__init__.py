"""Wegwijs: the domain core of the multilingual money-worries intake assistant.

Sub-packages, one job each:
- ``bot.language``  which language a resident writes, and which language we answer in
- ``bot.geo``       Dutch municipalities and postcodes
- ``bot.nlu``       Rasa NLU components (thin wrappers over bot.language and bot.geo)
- ``bot.socialmap`` the local directory of help and the lookup that routes to it
- ``bot.intake``    triage rules and deadlines
- ``bot.handover``  the warm handover to a receiving organisation
- ``bot.storage``   database engine, schema base and migrations
- ``bot.cli``       the ``wegwijs`` admin command
"""
