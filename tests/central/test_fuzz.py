"""Schemathesis over /openapi.json: generated requests (valid and invalid) to every operation.

Two runs. Anonymously or signed in, nothing gets a 5xx and every refusal is the error envelope.
As a volunteer, every built-in check (the Python equivalent of ``--checks all``: server errors,
status codes, content types, headers, response schemas, positive and negative data, missing
authentication...) passes, except the deviations docs/sync-protocol.md lists with their reason
(:data:`DOCUMENTED`). ``ERMS_FUZZ_EXAMPLES`` sets the examples per operation (8 by default; the
long run is ``ERMS_FUZZ_EXAMPLES=200``)."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import CheckFunction, positive_data_acceptance

from tests.central.world import World

EXAMPLES = int(os.environ.get("ERMS_FUZZ_EXAMPLES", "8"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
#: Operations whose schema-valid requests may be refused, and the check that would say so
#: (docs/sync-protocol.md, "What the schema does not say").
DOCUMENTED: dict[tuple[str, str], list[CheckFunction]] = {
    ("POST", "/v1/sync/push"): [positive_data_acceptance],
    ("POST", "/v1/password"): [positive_data_acceptance],
}


def _operations(world: World) -> list[schemathesis.APIOperation]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", world.client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    return operations


def test_generated_requests_never_get_a_server_error(world: World) -> None:
    signed_in = world.devices["alice"].headers
    for operation in _operations(world):

        @given(case=operation.as_strategy(), use_session=st.booleans())
        @FUZZ_SETTINGS
        def check(case: schemathesis.Case, use_session: bool) -> None:
            headers = dict(case.headers or {})
            if use_session:
                headers.update(signed_in)
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.path, response.text)
            if response.status_code >= 400:
                assert "error" in response.json(), response.text

        check()


def _all_checks(
    operation: schemathesis.APIOperation, headers: dict[str, str], excluded: list[CheckFunction]
) -> None:
    generated = st.one_of(operation.as_strategy(), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=generated)
    @FUZZ_SETTINGS
    def check(case: schemathesis.Case) -> None:
        sent = {**dict(case.headers or {}), **headers}
        case.call_and_validate(headers=sent, excluded_checks=excluded)

    check()


def test_a_volunteer_run_with_every_check_finds_only_documented_deviations(world: World) -> None:
    volunteer = world.devices["bob"].headers
    for operation in _operations(world):
        excluded = DOCUMENTED.get((operation.method.upper(), operation.path), [])
        _all_checks(operation, volunteer, excluded)
