from bot.privacy.redact import (
    BSN_PLACEHOLDER,
    IBAN_PLACEHOLDER,
    contains_sensitive_number,
    redact_data,
    redact_text,
)


def test_valid_bsn_and_iban_are_removed() -> None:
    text = "mijn bsn is 111222333 en mijn rekening NL91 ABNA 0417 1643 00"
    redacted = redact_text(text)
    assert "111222333" not in redacted
    assert "0417" not in redacted
    assert BSN_PLACEHOLDER in redacted
    assert IBAN_PLACEHOLDER in redacted


def test_numbers_that_fail_the_checksums_stay() -> None:
    text = "postcode 3511 AB, bel 06 12345678, ik heb 123456789 euro? nee 1500 euro"
    assert redact_text(text) == text
    assert not contains_sensitive_number(text)


def test_iban_without_spaces_and_grouped_bsn() -> None:
    assert redact_text("NL91ABNA0417164300") == IBAN_PLACEHOLDER
    assert redact_text("bsn 1112.22.333") == f"bsn {BSN_PLACEHOLDER}"


def test_nested_event_data_is_redacted() -> None:
    event = {"text": "111222333", "parse_data": {"text": "111222333", "entities": []}}
    assert redact_data(event) == {
        "text": BSN_PLACEHOLDER,
        "parse_data": {"text": BSN_PLACEHOLDER, "entities": []},
    }
