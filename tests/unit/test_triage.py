from bot.intake.triage import IntakeFacts, Route, decide_route


def test_an_urgent_threat_wins_over_everything() -> None:
    facts = IntakeFacts(
        threats=frozenset({"eviction"}),
        has_debts=False,
        requests=frozenset({"debt_settlement"}),
        life_domains=frozenset({"housing", "health", "work"}),
    )
    decision = decide_route(facts)
    assert decision.route is Route.URGENT
    assert "eviction" in decision.reason


def test_unknown_threat_words_are_not_urgent() -> None:
    assert decide_route(IntakeFacts(threats=frozenset({"noise"}))).route is Route.VOLUNTEER


def test_settlement_income_management_or_living_money_go_to_professional_help() -> None:
    for request in ("debt_settlement", "income_management", "living_money"):
        decision = decide_route(IntakeFacts(requests=frozenset({request})))
        assert decision.route is Route.PROFESSIONAL, request
        assert request in decision.reason


def test_problem_debts_go_to_professional_help() -> None:
    assert decide_route(IntakeFacts(debt_kinds=frozenset({"bailiff"}))).route is Route.PROFESSIONAL
    assert decide_route(IntakeFacts(creditor_count=3)).route is Route.PROFESSIONAL
    assert decide_route(IntakeFacts(creditor_count=2)).route is Route.VOLUNTEER


def test_several_problems_at_once_go_to_professional_help() -> None:
    facts = IntakeFacts(life_domains=frozenset({"housing", "relationship"}))
    assert decide_route(facts).route is Route.PROFESSIONAL


def test_no_debts_yet_gets_self_help() -> None:
    decision = decide_route(IntakeFacts(has_debts=False))
    assert decision.route is Route.SELF_HELP
    assert "volunteer" in decision.reason


def test_plain_arrears_go_to_a_volunteer() -> None:
    decision = decide_route(IntakeFacts(debt_kinds=frozenset({"rent", "energy"})))
    assert decision.route is Route.VOLUNTEER
