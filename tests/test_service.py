"""The HTTP service over real HTTP on 127.0.0.1: answers, errors, limits and concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from click.testing import CliRunner
from live_server import live_server

from replylint.cli import main
from replylint.config import Config
from replylint.engine import linter_for
from replylint.service import create_app
from replylint.stream import check_stream

ROUGH = "Hi Sara,\n\nYour refund is on its way.  It will arive by Friday, and the the label is attached.\n\nBest,\nAna"
REQUEST = {"id": "T-1", "draft": ROUGH, "customer": {"name": "Sarah"}, "agent": "Ana"}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with live_server(create_app(linter_for(Config()))) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def test_service_health_rules_and_openapi(client: httpx.Client) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and "lemmatizer" in health["pipeline"]
    rules = client.get("/v1/rules").json()["rules"]
    assert {"greeting-name", "thank-them", "spelling"} <= {r["id"] for r in rules}
    assert {r["applicability"] for r in rules} == {"safe", "unsafe"}
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.0")
    assert set(spec["paths"]) == {"/v1/lint", "/v1/fix", "/v1/rules", "/healthz"}


def test_service_lint_answers_what_the_stream_answers(client: httpx.Client) -> None:
    response = client.post("/v1/lint", json=REQUEST)
    assert response.status_code == 200
    got = response.json()
    [line] = check_stream(linter_for(Config()), [json.dumps(REQUEST)])
    del line["line"]
    assert line.pop("source") == "-:1" and got.pop("source") == "-"  # the stream names the line
    assert got == line
    assert got["item"] == "T-1"
    names = [f for f in got["findings"] if f["rule"] == "greeting-name"]
    assert names[0]["fix"] == {"offset": 3, "length": 4, "replacement": "Sarah", "applicability": "safe"}


def test_service_fix_returns_the_fixed_text_and_its_check(client: httpx.Client) -> None:
    response = client.post("/v1/fix", json=REQUEST)
    assert response.status_code == 200
    body = response.json()
    assert body["text"].startswith("Hi Sarah,\n\n")
    assert "  " not in body["text"] and "the the" not in body["text"]
    assert {a["rule"] for a in body["applied"]} >= {"greeting-name", "double-space", "repeated-word"}
    again = client.post("/v1/lint", json={**REQUEST, "draft": body["text"]}).json()
    assert body["document"] == again
    assert not [f for f in again["findings"] if f["fix"] and f["fix"]["applicability"] == "safe"]
    assert body["document"]["score"] > client.post("/v1/lint", json=REQUEST).json()["score"]
    unsafe = client.post("/v1/fix", json={**REQUEST, "unsafe_fixes": True}).json()
    assert "Thank you for reaching out." in unsafe["text"]
    assert "Thank you" not in body["text"]  # the thanks insertion is unsafe


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (b"{not json", 400, None),
        (b"\xff{}", 400, None),  # not UTF-8
        (b'{"draft": "Hi \\ud800 Sam"}', 400, "draft"),  # a lone surrogate cannot be answered
        (b"[" * 5000 + b"]" * 5000, 400, None),  # nested past datacheck.MAX_DEPTH
        (b'{"draft": "Hi", "id": ' + b"9" * 5000 + b"}", 400, None),  # a number of 5,000 digits
        (b'{"customer": "Sam"}', 422, "draft"),
        (b'{"draft": "   "}', 422, "draft"),
        (b'{"draft": "\\u0085\\u2028"}', 422, "draft"),  # whitespace to Python, not to JSON Schema's \\S
        (b'{"draft": "Hi", "channel": "fax"}', 422, "channel"),
        (b'{"draft": "Hi", "messages": [{"from": "bot", "text": "x"}]}', 422, "messages[0].from"),
        (b'["a list"]', 422, None),
    ],
)
def test_service_bad_requests_name_the_problem(client: httpx.Client, body: bytes, status: int, field) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/v1/lint", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.json()["field"] == field and response.json()["error"]


def test_service_fix_checks_unsafe_fixes_flag(client: httpx.Client) -> None:
    response = client.post("/v1/fix", json={**REQUEST, "unsafe_fixes": "yes"})
    assert response.status_code == 422 and response.json()["field"] == "unsafe_fixes"


def test_service_body_over_the_cap_is_413(client: httpx.Client) -> None:
    big = {"draft": "Hi Sam,\n\n" + "Your parcel is on its way. " * 12000}
    raw = json.dumps(big).encode()
    assert len(raw) > 256 * 1024
    response = client.post("/v1/lint", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "262144" in response.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap holds while reading
        for i in range(0, len(raw), 65536):
            yield raw[i : i + 65536]

    streamed = client.post("/v1/lint", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_service_slow_check_is_503() -> None:
    app = create_app(linter_for(Config()), timeout=0.05)
    draft = "Hi Sam,\n\n" + "Your parcel left the depot on Monday and arrives soon, I think. " * 1500
    with live_server(app) as url:
        response = httpx.post(f"{url}/v1/lint", json={"draft": draft}, timeout=60)
        assert response.status_code == 503
        assert "longer than 0.05 s" in response.json()["error"]


def test_service_concurrent_requests_never_mix_results(client: httpx.Client, base: str) -> None:
    """400 requests from 16 clients; each answer equals the one-request answer for its draft."""
    customers = ["Sarah", "Tom", "Priya", "Marco", "Olivia", "Kenji", "Grace", "Omar"]
    requests = []
    for i in range(25):
        name = customers[i % len(customers)]
        greeting = ["Hi {n},", "Hello,", "Dear {n}{n},", ""][i % 4].format(n=name)
        body = "Thanks for writing in. " * (i % 2) + f"Your order #{1000 + i} will arive in {i % 6 + 1} days."
        sign = ["Best,\nAna", "Regards,\nThe Team", ""][i % 3]
        requests.append({"id": str(i), "draft": f"{greeting}\n\n{body}  Done.\n\n{sign}", "customer": name})
    expected = {r["id"]: client.post("/v1/lint", json=r).json() for r in requests}
    assert len({json.dumps(v, sort_keys=True) for v in expected.values()}) == len(requests)

    def worker(offset: int) -> list[tuple[str, dict]]:
        out = []
        with httpx.Client(base_url=base, timeout=60) as own:
            for k in range(25):
                r = requests[(offset + k) % len(requests)]
                response = own.post("/v1/lint", json=r)
                assert response.status_code == 200
                out.append((r["id"], response.json()))
        return out

    with ThreadPoolExecutor(16) as pool:
        results = [pair for part in pool.map(worker, range(16)) for pair in part]
    assert len(results) == 400
    for request_id, answer in results:
        assert answer == expected[request_id], f"request {request_id} got another request's result"


def test_serve_refuses_a_non_loopback_host_without_the_flag() -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


@pytest.mark.slow
def test_serve_command_starts_answers_and_stops(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "replylint", "serve", "--port", str(port)],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "replylint serve did not start"
            time.sleep(0.1)
        answer = httpx.post(f"http://127.0.0.1:{port}/v1/lint", json=REQUEST, timeout=30).json()
        assert answer["item"] == "T-1" and answer["score"] < 100
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "serving on http://127.0.0.1" in (proc.stderr.read() if proc.stderr else "")
