"""Triage: the route a resident needs, following the Schuldhulproute logic in DOMAIN.md.

A pure function so the rules can be read, tested and argued about without a conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Route(str, Enum):
    SELF_HELP = "self_help"
    VOLUNTEER = "volunteer"
    PROFESSIONAL = "professional"
    URGENT = "urgent"


# Threats that make a case "bedreigend" (Wgs art. 4a): the municipality acts within 3 days.
URGENT_THREATS = frozenset({"eviction", "energy_cutoff", "water_cutoff", "insurance_termination"})
# Volunteers may not do these; only professional debt help can (DOMAIN.md, "Who is involved").
PROFESSIONAL_ONLY_REQUESTS = frozenset({"debt_settlement", "income_management", "living_money"})
# Signs of problem debts ("problematische schulden"): refer as soon as they are suspected.
PROBLEM_DEBT_SIGNS = frozenset({"bailiff", "garnishment"})
PROBLEM_DEBT_CREDITORS = 3
SEVERAL_PROBLEMS = 2


@dataclass(frozen=True)
class IntakeFacts:
    """What the intake learned; everything optional so triage works on a partial intake."""

    threats: frozenset[str] = field(default_factory=frozenset)
    has_debts: bool = True
    debt_kinds: frozenset[str] = field(default_factory=frozenset)
    creditor_count: int | None = None
    requests: frozenset[str] = field(default_factory=frozenset)
    life_domains: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class RouteDecision:
    route: Route
    reason: str


def decide_route(facts: IntakeFacts) -> RouteDecision:
    """The route and the reason, which travels with the handover."""
    urgent = sorted(facts.threats & URGENT_THREATS)
    if urgent:
        return RouteDecision(Route.URGENT, "threat: " + ", ".join(urgent))
    professional_only = sorted(facts.requests & PROFESSIONAL_ONLY_REQUESTS)
    if professional_only:
        return RouteDecision(
            Route.PROFESSIONAL, "asks for professional-only help: " + ", ".join(professional_only)
        )
    problem_signs = sorted(facts.debt_kinds & PROBLEM_DEBT_SIGNS)
    if problem_signs:
        return RouteDecision(Route.PROFESSIONAL, "problem debts: " + ", ".join(problem_signs))
    if facts.creditor_count is not None and facts.creditor_count >= PROBLEM_DEBT_CREDITORS:
        return RouteDecision(Route.PROFESSIONAL, f"problem debts: {facts.creditor_count} creditors")
    if len(facts.life_domains) >= SEVERAL_PROBLEMS:
        return RouteDecision(
            Route.PROFESSIONAL, "several problems at once: " + ", ".join(sorted(facts.life_domains))
        )
    if not facts.has_debts:
        return RouteDecision(Route.SELF_HELP, "no debts yet: tips, and a volunteer on request")
    return RouteDecision(Route.VOLUNTEER, "debts or arrears without signs of problem debts")
