from bot.intake import questions
from bot.intake.content import tips


def test_the_order_of_questions_and_the_threat_date_only_when_threatened() -> None:
    assert questions.required_slots({})[:3] == ["worry", "debt_kinds", "threats"]
    assert "threat_date" not in questions.required_slots({"threats": []})
    required = questions.required_slots({"threats": ["eviction"]})
    assert required.index("threat_date") == required.index("threats") + 1
    assert required[-1] == "summary_confirmed"


def test_progress_counts_only_the_questions_that_apply() -> None:
    assert questions.progress({}) == (1, 11)
    assert questions.progress({"worry": "x", "debt_kinds": ["rent"]}) == (3, 11)
    assert questions.progress({"worry": "x", "threats": ["eviction"]}) == (2, 12)
    answered = {name: "x" for name in questions.QUESTIONS}
    assert questions.progress(answered) is None  # next is the summary, not a question


def test_the_question_about_ending_ones_life_comes_first_and_outside_the_count() -> None:
    due = {"worry": "x", "self_harm_check_due": True}
    assert questions.required_slots(due)[:2] == [questions.SAFETY_CHECK, "worry"]
    assert questions.next_question(due) == questions.SAFETY_CHECK
    assert questions.progress(due) is None
    assert questions.progress({"worry": "x"}) == (2, 11)


def test_a_paused_intake_asks_nothing() -> None:
    assert questions.required_slots({"worry": "x", "intake_paused": True}) == []
    assert questions.next_question({"intake_paused": True}) is None


def test_no_consent_ends_the_questions_there() -> None:
    required = questions.required_slots({"consent": False})
    assert required[-1] == "consent"


def test_a_refused_summary_asks_what_to_correct() -> None:
    required = questions.required_slots({"summary_confirmed": False})
    assert required[-2:] == ["correction_field", "summary_confirmed"]


def test_going_back_finds_the_previous_answer_and_resets_consent_when_the_offer_changes() -> None:
    slots = {"worry": "x", "debt_kinds": ["rent"], "threats": [], "life_domains": []}
    assert questions.previous_question(slots, "municipality") == "life_domains"
    assert questions.previous_question({}, "worry") is None
    assert "consent" in questions.slots_to_reset_for("municipality")
    assert "consent" not in questions.slots_to_reset_for("contact_time")


def test_every_language_has_three_to_five_tips() -> None:
    for language in ("nl", "tr", "ar"):
        assert 3 <= len(tips(language)) <= 5
