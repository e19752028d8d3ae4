"""The OpenAPI 3 description of the partner API, served at /api/v1/openapi.json.

Hand-written on purpose: it is the contract partners build against, so it changes only when
we mean it to. tests/unit/test_api_*.py checks it against what the API really returns.
"""

from __future__ import annotations

from bot.api.views import FIELDS
from bot.handover.status import STATUSES

_TIME = {"type": "string", "format": "date-time"}
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _error(description: str) -> dict:
    return {"description": description, "content": _ERROR}


HANDOVER_SCHEMA = {
    "type": "object",
    "required": list(FIELDS),
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "created_at": _TIME,
        "channel": {"type": "string", "enum": ["web", "whatsapp", "sms", "ambassador"]},
        "language": {"type": "string", "enum": ["nl", "tr", "ar"]},
        "municipality_code": {"type": "string", "pattern": "^GM[0-9]{4}$"},
        "route": {
            "type": "string",
            "enum": ["self_help", "volunteer", "professional", "urgent"],
        },
        "urgent": {"type": "boolean"},
        "threats": {
            "type": "array",
            "items": {"type": "string"},
            "description": "eviction, energy_cutoff, water_cutoff, insurance_termination",
        },
        "organization_id": {"type": "string"},
        "service_id": {"type": "string"},
        "status": {"type": "string", "enum": list(STATUSES)},
        "due_at": {**_TIME, "description": "Contact must be made by then (Amsterdam 17:00)."},
        "contact_method": {"type": "string", "enum": ["phone", "whatsapp", "sms", "email"]},
        "summary": {"type": "string", "description": "The resident's question, in brief."},
        "referrer": {
            "type": "object",
            "nullable": True,
            "properties": {
                "ambassador_id": {"type": "string", "nullable": True},
                "meeting_code": {"type": "string", "nullable": True},
            },
        },
        "consent": {
            "type": "object",
            "required": ["given_at", "text_version"],
            "properties": {"given_at": _TIME, "text_version": {"type": "string"}},
        },
        "contact": {
            "type": "object",
            "description": "Only for the organisation the case was handed to.",
            "required": ["method", "value"],
            "properties": {"method": {"type": "string"}, "value": {"type": "string"}},
        },
    },
}

_HANDOVER_REPLY = {
    "description": "The handover",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Handover"}}},
}
_ID_PARAMETER = {
    "name": "handover_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "format": "uuid"},
}
_UNAUTHORIZED = _error("No token, or an unknown or revoked one")
_NOT_FOUND = _error("No such handover visible to this token")

OPENAPI: dict = {
    "openapi": "3.0.3",
    "info": {
        "title": "Wegwijs partner API",
        "version": "1.0.0",
        "description": (
            "Warm handovers from the Wegwijs intake assistant. Organisations see the cases "
            "handed to them (with the resident's contact details) and report the status "
            "back; municipal coordinators see their municipality's cases without contact "
            "details. Authenticate with `Authorization: Bearer <token>` (tokens are issued "
            "with `wegwijs token create`). Cases are also pushed: see the webhook section "
            "of the operator documentation (HMAC-SHA256 signature in X-Wegwijs-Signature)."
        ),
    },
    "servers": [{"url": "/"}],
    "security": [{"bearer": []}],
    "paths": {
        "/api/v1/health": {
            "get": {
                "summary": "Liveness and database check",
                "security": [],
                "responses": {
                    "200": {"description": "Up"},
                    "503": _error("The database cannot be reached"),
                },
            }
        },
        "/api/v1/openapi.json": {
            "get": {
                "summary": "This document",
                "security": [],
                "responses": {"200": {"description": "OpenAPI 3 document"}},
            }
        },
        "/api/v1/handovers": {
            "get": {
                "summary": "Handovers visible to the token, oldest first",
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"type": "string", "enum": list(STATUSES)},
                    },
                    {
                        "name": "municipality",
                        "in": "query",
                        "schema": {"type": "string", "pattern": "^GM[0-9]{4}$"},
                    },
                    {
                        "name": "since",
                        "in": "query",
                        "description": "Created at or after this moment (ISO 8601; UTC if no "
                        "offset is given)",
                        "schema": _TIME,
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 500,
                            "default": 100,
                        },
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The handovers",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["handovers", "count"],
                                    "properties": {
                                        "handovers": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Handover"},
                                        },
                                        "count": {"type": "integer"},
                                    },
                                }
                            }
                        },
                    },
                    "400": _error("A filter is not valid"),
                    "401": _UNAUTHORIZED,
                    "403": _error("This kind of token cannot read handovers"),
                },
            }
        },
        "/api/v1/handovers/{handover_id}": {
            "get": {
                "summary": "One handover",
                "parameters": [_ID_PARAMETER],
                "responses": {
                    "200": _HANDOVER_REPLY,
                    "401": _UNAUTHORIZED,
                    "403": _error("This kind of token cannot read handovers"),
                    "404": _NOT_FOUND,
                },
            }
        },
        "/api/v1/handovers/{handover_id}/status": {
            "post": {
                "summary": "Report a status change (the closed loop)",
                "description": (
                    "Allowed: new→accepted|declined; accepted→contacted|unreachable|declined; "
                    "contacted→helped|closed|declined; helped→closed; "
                    "unreachable→contacted|closed. `unreachable` and `declined` need a "
                    "reason. Accepting tells the resident who will contact them and by when."
                ),
                "parameters": [_ID_PARAMETER],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/StatusChange"}
                        }
                    },
                },
                "responses": {
                    "200": _HANDOVER_REPLY,
                    "400": _error("The body is not a JSON object"),
                    "401": _UNAUTHORIZED,
                    "403": _error("This token may read but not change statuses"),
                    "404": _NOT_FOUND,
                    "409": _error("Not allowed from the current status"),
                    "422": _error("Unknown status, or a required reason is missing"),
                },
            }
        },
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Handover": HANDOVER_SCHEMA,
            "StatusChange": {
                "type": "object",
                "required": ["status"],
                "properties": {
                    "status": {"type": "string", "enum": list(STATUSES[1:])},
                    "reason": {"type": "string", "maxLength": 1000},
                },
            },
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            },
        },
    },
}
