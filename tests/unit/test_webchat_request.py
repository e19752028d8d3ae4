from connectors.webchat import MAX_MESSAGE_LENGTH, parse_chat_request


def test_a_good_request_passes_with_only_known_metadata() -> None:
    error, payload = parse_chat_request(
        {"sender": "abcdef0123", "message": "  hoi ", "metadata": {"meeting_code": "X1", "x": 1}}
    )
    assert error is None
    assert payload == {"sender": "abcdef0123", "message": "hoi", "metadata": {"meeting_code": "X1"}}


def test_bad_requests_get_a_clear_error() -> None:
    cases = [
        ([], "JSON object"),
        ({"sender": "a", "message": "hoi"}, "sender"),
        ({"sender": "../../etc/passwd", "message": "hoi"}, "sender"),
        ({"sender": "abcdef0123", "message": "   "}, "message"),
        ({"sender": "abcdef0123", "message": 5}, "message"),
        ({"sender": "abcdef0123", "message": "x" * (MAX_MESSAGE_LENGTH + 1)}, "longer"),
        ({"sender": "abcdef0123", "message": "hoi", "metadata": "x"}, "metadata"),
    ]
    for body, expected in cases:
        error, _payload = parse_chat_request(body)
        assert error is not None and expected in error, (body, error)
