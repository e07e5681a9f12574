"""The API against its own OpenAPI schema (/api/v1/schema/), fuzzed with Schemathesis, signed in as
each role of the demo (seed_demo): a unit's reporter and leader, V03's reviewer, the administrator.

For every operation, valid and invalid requests generated from the schema: never a 5xx; every answer
documented (status code, content type, body, headers); invalid input refused with a 4xx, and a 400
that says what was wrong. And no operation answers anyone who has not signed in, except those the
schema marks as open (the token endpoint).

Bounded: ``FUZZ_EXAMPLES`` examples per operation and mode (default 5), the same ones every run
(derandomized); past ``FUZZ_SECONDS`` per role (default 45) the operations left get one example
each, so every operation is still called. Each example runs in a savepoint rolled back afterwards,
so every one starts from the same demo data.
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
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.jsonschema import make_validator
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import User

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
SECONDS = float(os.environ.get("FUZZ_SECONDS", "45"))
# The roles of the demo users (seed_demo).
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


def _trimmed(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {k: _trimmed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_trimmed(v) for v in value]
    return value


def valid_once_trimmed(case) -> bool:
    """Whether the only invalid part is a JSON body that is valid once its text is trimmed, as DRF
    trims every CharField before checking its length (a name of 150 letters after a line break)."""
    meta = case.meta
    others = (ParameterLocation.PATH, ParameterLocation.QUERY, ParameterLocation.HEADER, ParameterLocation.COOKIE)
    if meta is None or not meta.is_negative_at(ParameterLocation.BODY) or any(map(meta.is_negative_at, others)):
        return False
    body = case.operation.get_body_for_media_type(case.media_type or "")
    if body is None or not isinstance(case.body, dict):
        return False
    validator = make_validator(body.optimized_schema, case.operation.schema.adapter.jsonschema_validator_cls)
    return validator.is_valid(_trimmed(case.body))


@schemathesis.check
def invalid_input_refused(ctx, response, case):
    """Schemathesis' negative_data_rejection, less the cases that are valid once trimmed."""
    try:
        return negative_data_rejection(ctx, response, case)
    except AcceptedNegativeData:
        if valid_once_trimmed(case):
            return None
        raise


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    invalid_input_refused,
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


def fuzz_operation(operation, mode: GenerationMode, headers: dict, examples: int) -> None:
    @hypothesis_settings(
        max_examples=examples,
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


def fuzz_as(username: str, raw: dict, headers: dict, deadline: float) -> tuple[dict, dict]:
    """Fuzz every operation as one user: (failures by operation and mode, seconds by operation). Past
    ``deadline`` (time.monotonic()) each remaining operation gets a single example per mode."""
    failures, timings = {}, {}
    with wsgi_app() as app:
        schema = schemathesis.openapi.from_dict(raw)
        schema.app = app
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) > 50
        for operation in operations:
            began = time.monotonic()
            examples = EXAMPLES if began < deadline else 1
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                try:
                    fuzz_operation(operation, mode, headers, examples)
                except Unsatisfiable:
                    assert mode == GenerationMode.NEGATIVE, operation.label  # nothing in it can be made invalid
                except (Exception, BaseExceptionGroup) as exc:  # every operation is fuzzed; reported together
                    failures[f"{username}: {operation.label} ({mode.value})"] = f"{type(exc).__name__}: {exc}"[:3000]
            timings[operation.label] = time.monotonic() - began
    return failures, timings


def test_every_operation_keeps_to_the_schema_for_every_role(demo, settings):
    """One seed of the demo, then each role in turn (a reporter, a leader, a reviewer, the admin)."""
    failures, started = {}, time.monotonic()
    for role, username in ROLES.items():
        assert User.objects.filter(username=username, is_active=True).exists(), role
        token = sign_in(username, settings.DEMO_PASSWORD)
        began = time.monotonic()
        found, timings = fuzz_as(username, api_schema(token), {"Authorization": f"Token {token}"}, began + SECONDS)
        failures.update(found)
        slowest = ", ".join(f"{t:.1f} s {op}" for op, t in sorted(timings.items(), key=lambda i: -i[1])[:5])
        print(f"{role}: {len(timings)} operations in {time.monotonic() - began:.0f} s; slowest: {slowest}")
    print(f"fuzzed in {time.monotonic() - started:.0f} s")
    report = "\n\n".join(f"=== {label}\n{text}" for label, text in failures.items())
    assert not failures, f"{len(failures)} failure(s):\n{report}"


def test_nothing_answers_without_signing_in(db, client):
    """Every operation of the schema, called without a token or a session, answers 401; only the
    operations the schema marks as open (the token endpoint) answer anyone. The schema and the docs
    are for signed-in users too."""
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
