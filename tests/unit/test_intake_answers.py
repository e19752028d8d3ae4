from bot.intake import answers


def test_debt_kinds_in_three_languages_and_mixed_dutch() -> None:
    assert answers.debt_kinds("huur, gas en een deurwaarder", "nl") == ["rent", "energy", "bailiff"]
    assert answers.debt_kinds("kira ve elektrik", "tr") == ["rent", "energy"]
    assert answers.debt_kinds("kira ve zorgverzekering", "tr") == ["rent", "health_insurance"]
    assert answers.debt_kinds("lkra w do", "ar") == ["rent", "energy"]
    assert answers.debt_kinds("الكراء و الضرائب", "ar") == ["rent", "tax"]
    assert answers.debt_kinds("Nog geen schulden", "nl") == ["none"]
    assert answers.debt_kinds("iets heel anders", "nl") == []


def test_short_words_of_other_languages_do_not_leak_in() -> None:
    # Turkish "is" (work) must not match Dutch "het is lastig".
    assert answers.life_domains("het is lastig", "nl") == []
    assert answers.life_domains("werk en kinderen", "nl") == ["work", "children"]


def test_yes_and_no() -> None:
    assert answers.is_yes("ja graag", "nl") and answers.is_yes("wakha", "ar")
    assert answers.is_yes("evet", "tr")
    assert answers.is_no("hayır", "tr") and answers.is_no("لا", "ar") and answers.is_no("nee", "nl")
    assert not answers.is_yes("nee", "nl")


def test_contact_choices_and_email() -> None:
    assert answers.contact_method("WhatsApp", "nl") == "whatsapp"
    assert answers.contact_method("E-posta", "tr") == "email"
    assert answers.contact_time("'s avonds graag", "nl") == "evening"
    assert answers.contact_time("sabah", "tr") == "morning"
    assert answers.helper_language("Türkçe", "tr") == "tr"
    assert answers.helper_language("maakt niet uit", "nl") == "any"
    assert answers.email_address(" Naam@Voorbeeld.NL ") == "naam@voorbeeld.nl"
    assert answers.email_address("naam@") is None


def test_professional_only_requests_in_the_residents_words() -> None:
    assert answers.requests("ik wil schuldsanering", "nl") == ["debt_settlement"]
    assert answers.requests("ik heb geen geld voor eten", "nl") == ["living_money"]
    assert answers.requests("ik heb een huurachterstand", "nl") == []


def test_correction_fields() -> None:
    assert answers.correction_field("Gemeente", "nl") == "municipality"
    assert answers.correction_field("İletişim", "tr") == "contact"
    assert answers.correction_field("اللغة", "ar") == "language"
