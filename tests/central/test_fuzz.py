"""Schemathesis over /openapi.json: generated requests (valid and invalid) to every operation,
as a signed-in volunteer and anonymously, never get a 5xx and always get the error envelope."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.central.world import World

EXAMPLES = int(os.environ.get("ERMS_FUZZ_EXAMPLES", "8"))


def test_generated_requests_never_get_a_server_error(world: World) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", world.client.app)
    signed_in = world.devices["alice"].headers
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:

        @given(case=operation.as_strategy(), use_session=st.booleans())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case, use_session: bool) -> None:
            headers = dict(case.headers or {})
            if use_session:
                headers.update(signed_in)
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.path, response.text)
            if response.status_code >= 400:
                assert "error" in response.json(), response.text

        check()
