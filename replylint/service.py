"""A warm local HTTP service for bots and help-desk sidebars (`replylint serve`).

Starlette on uvicorn. The Linter (spaCy pipeline and compiled rules) is built once
at start-up and shared; every check runs on one worker thread, so requests never
share a half-built result and the grammar session's per-run state stays per request,
while the event loop keeps reading and answering sockets. A request body is the same
conversation object as a line of `check --conversation -`; the answer is the same
JSON document (version 2). Bodies over the cap get 413, unreadable JSON 400, a
missing or bad field 422 naming it, and a check that runs past the time limit 503.
Whatever a body holds (bytes that are not UTF-8, lone surrogates, nesting thousands of
levels deep, numbers of thousands of digits, JSON that is not an object) it gets one
of those answers; only replylint failing on a draft (a bug) is a 500, as JSON
`{"error": "internal error: ...", "field": null}`.
This module builds the app; `cli.py` binds it (loopback unless told otherwise).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import __version__, run
from .channels import CHANNELS
from .errors import InputError, InternalError, ReplylintError
from .formatters.json_format import document
from .readers.jsonsource import checked_json
from .scoring import describe

if TYPE_CHECKING:
    from .engine import Linter
    from .report import DocumentReport

MAX_BODY = 256 * 1024  # bytes; a reply plus its conversation is far smaller
TIMEOUT = 10.0  # seconds a check may take before the client gets 503


class _TooLarge(Exception):
    pass


def _error(status: int, message: str, field: str | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "field": field}, status_code=status)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, read no further than `limit` bytes (then _TooLarge)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _checked(doc: DocumentReport) -> DocumentReport:
    """`doc`, unless replylint failed on it: then InternalError (the client gets a 500)."""
    if doc.error is not None:
        raise InternalError(doc.error, doc.traceback)
    return doc


def create_app(linter: Linter, *, max_body: int = MAX_BODY, timeout: float = TIMEOUT) -> Starlette:
    """The ASGI app over one warm Linter."""
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="replylint-check")

    async def checked(request: Request, work: Any) -> Response:
        try:
            raw = await _body(request, max_body)
        except _TooLarge:
            return _error(413, f"the body is larger than {max_body} bytes")
        try:
            # syntax, nesting, numbers too long, lone surrogates (which cannot be answered)
            obj = checked_json(raw.decode("utf-8"), "body")
        except UnicodeDecodeError as exc:
            return _error(400, f"the body is not valid UTF-8: {describe(exc)}")
        except InputError as exc:
            return _error(400, f"the body: {exc.message}", exc.field)
        loop = asyncio.get_running_loop()
        try:
            result = await asyncio.wait_for(loop.run_in_executor(worker, work, obj), timeout)
        except TimeoutError:
            return _error(503, f"the check took longer than {timeout:g} s; try a shorter draft")
        except ReplylintError as exc:
            return _error(422, exc.message, exc.field)
        except Exception as exc:
            return _error(500, f"internal error: {describe(exc)} (a bug in replylint)")
        return JSONResponse(result)

    def lint_work(obj: Any) -> dict[str, Any]:
        from .readers.conversation import parse_conversation

        draft = parse_conversation(obj, "-")
        result = document(_checked(run.lint(linter, [draft]).documents[0]))
        if draft.warnings:
            result["warnings"] = list(draft.warnings)  # what was set aside: a name without a letter
        return result

    def fix_work(obj: Any) -> dict[str, Any]:
        from .readers.conversation import parse_conversation

        unsafe = obj.get("unsafe_fixes", False) if isinstance(obj, dict) else False
        if not isinstance(unsafe, bool):
            raise InputError("must be true or false", field="unsafe_fixes")
        draft = parse_conversation(obj, "-")
        outcome = run.fix(linter, [draft], unsafe=unsafe)
        _checked(outcome.before.documents[0])
        _checked(outcome.after.documents[0])
        [fixed] = outcome.fixed
        applied = [
            {"rule": e.rule, "offset": e.offset, "length": e.length, "replacement": e.replacement}
            for e in fixed.edits
        ]
        return {"text": fixed.text, "document": document(outcome.after.documents[0]), "applied": applied}

    async def lint_endpoint(request: Request) -> Response:
        return await checked(request, lint_work)

    async def fix_endpoint(request: Request) -> Response:
        return await checked(request, fix_work)

    rules_payload = {
        "rules": [
            {
                "id": r.id,
                "kind": r.kind,
                "checklist": r.checklist,
                "level": r.level.value,
                "weight": r.weight,
                "description": r.description,
                "regions": list(r.regions),
                "channels": list(r.channels),
                "applicability": r.applicability.value,
            }
            for r in linter.rules
        ]
    }

    async def rules_endpoint(request: Request) -> Response:
        return JSONResponse(rules_payload)

    async def health_endpoint(request: Request) -> Response:
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "pipeline": linter.pipeline.describe(),
                "rules": len(linter.rules),
            }
        )

    async def openapi_endpoint(request: Request) -> Response:
        return JSONResponse(openapi(max_body))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        worker.shutdown(wait=False, cancel_futures=True)

    return Starlette(
        routes=[
            Route("/v1/lint", lint_endpoint, methods=["POST"]),
            Route("/v1/fix", fix_endpoint, methods=["POST"]),
            Route("/v1/rules", rules_endpoint, methods=["GET"]),
            Route("/healthz", health_endpoint, methods=["GET"]),
            Route("/openapi.json", openapi_endpoint, methods=["GET"]),
        ],
        lifespan=lifespan,
    )


# -- the OpenAPI document --------------------------------------------------------------


# "Has a character that is not whitespace" as Python's str.strip() sees whitespace (the
# service's own test). Written out: JSON Schema's \S follows ECMAScript, which treats
# U+0085 and U+001C-U+001F as text and U+FEFF as space, so the two would disagree.
_WHITESPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_BLANK = f"[^{_WHITESPACE}]"


def _name_schema(who: str) -> dict[str, Any]:
    return {
        "description": f"The {who}'s name, or an object with `name`.",
        "anyOf": [
            {"type": "string", "nullable": True},
            {"type": "object", "properties": {"name": {"type": "string", "nullable": True}}},
        ],
    }


def _conversation_schema(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "draft": {"type": "string", "pattern": _NOT_BLANK, "description": "The reply to check."},
        "id": {"description": "Returned as the document's `item`."},
        "customer": _name_schema("customer"),
        "agent": _name_schema("agent"),
        "channel": {"type": "string", "enum": [*CHANNELS, None], "nullable": True},
        "ticket": {"type": "string", "nullable": True, "description": "The customer's message."},
        "messages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["from", "text"],
                "properties": {
                    "from": {"type": "string", "enum": ["customer", "agent"]},
                    "text": {"type": "string"},
                },
            },
        },
        **(extra or {}),
    }
    return {"type": "object", "required": ["draft"], "properties": properties}


_FIX = {
    "type": "object",
    "nullable": True,
    "required": ["offset", "applicability"],
    "properties": {
        "offset": {"type": "integer", "minimum": 0},
        "length": {"type": "integer", "minimum": 1},
        "replacement": {"type": "string"},
        "insert": {"type": "string"},
        "applicability": {"type": "string", "enum": ["safe", "unsafe"]},
    },
}
_FINDING = {
    "type": "object",
    "required": [
        "rule",
        "checklist",
        "level",
        "message",
        "line",
        "column",
        "offset",
        "length",
        "fix",
        "advice",
    ],
    "properties": {
        "rule": {"type": "string"},
        "checklist": {"type": "string"},
        "level": {"type": "string", "enum": ["error", "warning", "suggestion"]},
        "message": {"type": "string"},
        "region": {"type": "string"},
        "line": {"type": "integer"},
        "column": {"type": "integer"},
        "end_line": {"type": "integer"},
        "end_column": {"type": "integer"},
        "offset": {"type": "integer"},
        "length": {"type": "integer"},
        "match": {"type": "string"},
        "fix": {"$ref": "#/components/schemas/Fix"},
        "advice": {"type": "array", "items": {"type": "string"}},
    },
}
_DOCUMENT = {
    "type": "object",
    "required": ["source", "item", "score", "ready_to_send", "checklist", "findings"],
    "properties": {
        "source": {"type": "string"},
        "item": {"type": "string", "nullable": True},
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "ready_to_send": {"type": "boolean"},
        "checklist": {
            "type": "object",
            "additionalProperties": {"type": "string", "enum": ["pass", "fail", "skip"]},
        },
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "warnings": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What was set aside, e.g. a customer or agent name without a letter.",
        },
    },
}
_ERROR = {
    "type": "object",
    "required": ["error", "field"],
    "properties": {"error": {"type": "string"}, "field": {"type": "string", "nullable": True}},
}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _errors(max_body: int) -> dict[str, Any]:
    return {
        "400": _json("Error", "The body is not valid JSON."),
        "413": _json("Error", f"The body is larger than {max_body} bytes."),
        "422": _json("Error", "A field is missing or has a bad value; `field` names it."),
        "503": _json("Error", "The check took longer than the service's time limit."),
        "500": _json("Error", "replylint failed on the draft (a bug): `error` says how."),
    }


def openapi(max_body: int = MAX_BODY) -> dict[str, Any]:
    """The service's OpenAPI 3.0 document."""
    body = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Conversation"}}},
    }
    fix_body = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FixRequest"}}},
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "replylint",
            "version": __version__,
            "description": "Check a customer-support reply against the team's reply checklist.",
        },
        "paths": {
            "/v1/lint": {
                "post": {
                    "operationId": "lint",
                    "summary": "Check one draft; the answer is the version-2 JSON document.",
                    "requestBody": body,
                    "responses": {"200": _json("Document", "The checked draft."), **_errors(max_body)},
                }
            },
            "/v1/fix": {
                "post": {
                    "operationId": "fix",
                    "summary": "Apply the safe fixes (and unsafe ones with unsafe_fixes) and check the result.",
                    "requestBody": fix_body,
                    "responses": {
                        "200": _json("FixResult", "The fixed text and its check."),
                        **_errors(max_body),
                    },
                }
            },
            "/v1/rules": {
                "get": {
                    "operationId": "rules",
                    "summary": "The rules this service checks.",
                    "responses": {"200": _json("Rules", "Every enabled rule.")},
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Whether the service is up, and its pipeline.",
                    "responses": {"200": _json("Health", "The service is up.")},
                }
            },
        },
        "components": {
            "schemas": {
                "Conversation": _conversation_schema(),
                "FixRequest": _conversation_schema({"unsafe_fixes": {"type": "boolean"}}),
                "Fix": _FIX,
                "Finding": _FINDING,
                "Document": _DOCUMENT,
                "FixResult": {
                    "type": "object",
                    "required": ["text", "document", "applied"],
                    "properties": {
                        "text": {"type": "string"},
                        "document": {"$ref": "#/components/schemas/Document"},
                        "applied": {"type": "array", "items": {"type": "object"}},
                    },
                },
                "Rules": {
                    "type": "object",
                    "required": ["rules"],
                    "properties": {"rules": {"type": "array", "items": {"type": "object"}}},
                },
                "Health": {
                    "type": "object",
                    "required": ["status"],
                    "properties": {"status": {"type": "string", "enum": ["ok"]}},
                },
                "Error": _ERROR,
            }
        },
    }
