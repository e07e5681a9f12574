"""The API against its own OpenAPI schema (/api/v1/schema/), fuzzed with Schemathesis, signed in as
each role of the demo (seed_demo): a unit's reporter and leader, V03's reviewer, the administrator.

For every operation, valid and invalid requests generated from the schema: never a 5xx; every answer
documented (status code, content type, body, headers); invalid input refused with a 4xx, and a 400
that says what was wrong. And no operation answers anyone who has not signed in, except those the
schema marks as open (the token endpoint).

Bounded: ``FUZZ_EXAMPLES`` examples per operation and mode (default 6), the same ones every run
(derandomized), within ``FUZZ_SECONDS`` per role (default 300; the run fails naming the operations
it did not reach). Each example runs in a savepoint rolled back afterwards, so every one starts
from the same demo data.
"""

import contextlib
import os
import re
import time

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import User

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
SECONDS = float(os.environ.get("FUZZ_SECONDS", "300"))
ROLES = {"reporter": "ca01.reporter", "leader": "ca01.leader", "reviewer": "v03.reviewer", "admin": "admin"}


@schemathesis.check
def clear_400(ctx, response, case):
    """A 400 says what was wrong: a JSON object whose messages are non-empty text."""
    if response.status_code != 400:
        return None
    body = response.json()
    messages = list(_texts(body))
    if not isinstance(body, dict) or not messages or not all(m.strip() for m in messages):
        raise AssertionError(f"a 400 without a clear message: {response.text[:300]}")
    return None


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    clear_400,
]


@pytest.fixture
def demo(db, settings, media):
    """The demo's units, users and records (seed_demo refuses to run without DEBUG)."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


@contextlib.contextmanager
def wsgi_app():
    """The whole Django application, as a server runs it, on the test's database connection (a real
    server closes the connection after each request; here it is the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def sign_in(username: str, password: str) -> str:
    """A token from the API's own sign-in, as a client gets one."""
    response = Client().post("/api/v1/auth/token/", {"username": username, "password": password})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def api_schema(token: str) -> dict:
    response = Client().get("/api/v1/schema/", {"format": "json"}, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200, response.content
    return response.json()


def fuzz_operation(operation, mode: GenerationMode, headers: dict) -> None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        savepoint = transaction.savepoint()
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        finally:
            transaction.savepoint_rollback(savepoint)

    run()


@pytest.mark.parametrize("role", list(ROLES))
def test_every_operation_keeps_to_the_schema(role, demo, settings):
    username = ROLES[role]
    assert User.objects.filter(username=username, is_active=True).exists()
    token = sign_in(username, settings.DEMO_PASSWORD)
    raw = api_schema(token)
    headers = {"Authorization": f"Token {token}"}
    failures, not_reached, timings, started = {}, [], {}, time.monotonic()
    with wsgi_app() as app:
        schema = schemathesis.openapi.from_dict(raw)
        schema.app = app
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) > 50
        for operation in operations:
            if time.monotonic() - started > SECONDS:
                not_reached.append(operation.label)
                continue
            began = time.monotonic()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                try:
                    fuzz_operation(operation, mode, headers)
                except Unsatisfiable:
                    assert mode == GenerationMode.NEGATIVE, operation.label  # nothing in it can be made invalid
                except (Exception, BaseExceptionGroup) as exc:  # every operation is fuzzed; reported together
                    failures[f"{operation.label} ({mode.value})"] = f"{type(exc).__name__}: {exc}"[:3000]
            timings[operation.label] = time.monotonic() - began
    slowest = sorted(timings.items(), key=lambda item: -item[1])[:8]
    print(
        f"fuzzed as {role} in {time.monotonic() - started:.0f} s; slowest:", *(f"{t:.1f} s {op}" for op, t in slowest)
    )
    report = "\n\n".join(f"=== {label}\n{text}" for label, text in failures.items())
    assert not failures, f"{len(failures)} operation(s) failed as {role}:\n{report}"
    assert not not_reached, f"out of time ({SECONDS:.0f} s) as {role}; not fuzzed: {', '.join(not_reached)}"


def test_nothing_answers_without_signing_in(demo, client):
    """Every operation of the schema, called without a token or a session, answers 401 (with the
    records of the demo in place, ids 1…); only the operations the schema marks as open (the token
    endpoint) answer anyone. The schema and the docs are for signed-in users too."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    open_operations, answered = [], {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            label = f"{method.upper()} {path}"
            if {} in operation.get("security", []):
                open_operations.append(label)
                continue
            url = re.sub(r"\{[^}]+\}", "1", path)
            response = getattr(client, method)(url)
            answered[label] = response.status_code
            assert response.status_code == 401, (label, response.status_code, response.content[:200])
            assert response.json()["detail"] == "Chưa cung cấp thông tin xác thực.", label
    assert open_operations == ["POST /api/v1/auth/token/"]
    assert len(answered) > 50
    for url in ("/api/v1/schema/", "/api/v1/docs/", "/api/v1/"):
        assert client.get(url).status_code in (401, 403), url
