"""Property-based test of the service against its own OpenAPI document (schemathesis).

Schemathesis generates requests from the OpenAPI document the service serves at
/openapi.json, valid and invalid, and sends them over real HTTP to the running
service on 127.0.0.1: every answer must have a status the document lists, the
documented content type and a body that fits its schema; valid bodies must be
accepted and invalid ones rejected, never with a server error. (The document is
loaded from `replylint.service.openapi()` at import, as schemathesis needs it before
the server starts; the first test checks the service serves exactly that document.)
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from live_server import live_server

from replylint.config import Config
from replylint.engine import linter_for
from replylint.service import create_app, openapi

schema = schemathesis.openapi.from_dict(openapi())


@pytest.fixture(scope="module")
def service_url() -> Iterator[str]:
    with live_server(create_app(linter_for(Config()))) as url:
        yield url


def test_service_serves_the_document_under_test(service_url: str) -> None:
    assert httpx.get(f"{service_url}/openapi.json").json() == openapi()


@schema.parametrize()
# derandomize: the same examples on every run, so CI never flakes; raise max_examples locally to explore
@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_service_conforms_to_its_openapi_document(case, service_url: str) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(base_url=service_url)
