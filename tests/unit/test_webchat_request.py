from connectors.webchat import MAX_MESSAGE_LENGTH, parse_chat_request
from connectors.webchat.request import (
    MAX_ACKS,
    bearer_token,
    parse_inbox_request,
    public_messages,
)


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


def test_the_client_message_id_must_look_like_one() -> None:
    error, payload = parse_chat_request(
        {"sender": "abcdef0123", "message": "hoi", "metadata": {"client_message_id": "a1b2c3d4e5"}}
    )
    assert error is None and payload["metadata"] == {"client_message_id": "a1b2c3d4e5"}
    error, _payload = parse_chat_request(
        {"sender": "abcdef0123", "message": "hoi", "metadata": {"client_message_id": "x y"}}
    )
    assert error is not None and "client_message_id" in error


def test_inbox_polls_carry_a_sender_and_message_ids() -> None:
    assert parse_inbox_request({"sender": "abcdef0123", "ack": [3, 1, 3]}) == (
        None,
        {"sender": "abcdef0123", "ack": [1, 3]},
    )
    assert parse_inbox_request({"sender": "abcdef0123"})[1]["ack"] == []
    for body in (
        None,
        {"sender": "x"},
        {"sender": "abcdef0123", "ack": "1"},
        {"sender": "abcdef0123", "ack": ["1"]},
        {"sender": "abcdef0123", "ack": [True]},
        {"sender": "abcdef0123", "ack": list(range(MAX_ACKS + 1))},
    ):
        assert parse_inbox_request(body)[0] is not None, body


def test_bearer_tokens_and_public_messages() -> None:
    assert bearer_token("Bearer wgw_abc ") == "wgw_abc"
    assert bearer_token("bearer wgw_abc") == "wgw_abc"
    assert bearer_token("Basic abc") == "" and bearer_token(None) == ""
    assert public_messages([{"recipient_id": "abcdef0123", "text": "hoi", "buttons": []}]) == [
        {"text": "hoi", "buttons": []}
    ]
