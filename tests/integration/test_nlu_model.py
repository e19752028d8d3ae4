"""The trained project model, loaded the way Rasa serves it: threat types the rules miss."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.agent import Agent


@pytest.fixture(scope="module")
def agent(trained_model: Path) -> Agent:
    return Agent.load(str(trained_model))


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        # Wordings no rule in data/nlu/lexicons/threats.yml covers (if one ever does, the
        # extractor below becomes WegwijsEntityExtractor: pick another wording).
        ("de woningbouw wil ons eruit hebben, de rechter heeft ja gezegd", "eviction"),
        ("ev sahibi mahkemeyi kazandı, eşyalarımızı toplamamız lazım", "eviction"),
    ],
)
async def test_urgent_message_gets_its_threat_type_without_a_rule(
    agent: Agent, text: str, threat: str
) -> None:
    parsed = await agent.parse_message(text)
    assert parsed["intent"]["name"] == "inform_urgent"
    threats = [e for e in parsed["entities"] if e["entity"] == "threat"]
    assert [(e["value"], e["extractor"]) for e in threats] == [(threat, "ThreatTypeClassifier")]


async def test_a_rule_match_is_not_guessed_again(agent: Agent) -> None:
    parsed = await agent.parse_message("ze sluiten morgen het gas af")
    # Confident enough for a guess, so only the rule match explains a single entity.
    assert parsed["intent"]["name"] == "inform_urgent"
    assert parsed["intent"]["confidence"] >= 0.7
    threats = [e for e in parsed["entities"] if e["entity"] == "threat"]
    assert [(e["value"], e["extractor"]) for e in threats] == [
        ("energy_cutoff", "WegwijsEntityExtractor")
    ]
