"""Schemathesis runs the app's OpenAPI schema against the app: generated requests, checked answers.

Every operation gets a bounded number of generated requests, valid and invalid by the schema; each
answer must be documented (status, content type, body schema), never a server error, and an invalid
request must be refused. Requests valid by the schema may still be refused with a documented 422 (an
unknown but well-formed code, a date range that ends before it starts), so the check that every
schema-valid request succeeds is left out.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from eventlens.api.app import ROUTERS


def has_parameters(dependant: Dependant) -> bool:
    """Whether a route (or a dependency of it) takes query or path parameters."""
    own = dependant.query_params or dependant.path_params
    return bool(own) or any(has_parameters(d) for d in dependant.dependencies)


ROUTES = [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]
OPERATIONS = [route.path for route in ROUTES]
CASES = [(route.path, GenerationMode.POSITIVE) for route in ROUTES] + [
    (route.path, GenerationMode.NEGATIVE) for route in ROUTES if has_parameters(route.dependant)
]  # an operation without parameters has no invalid request to make
EXAMPLES = 20


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_route_is_in_the_schema(api_schema: schemathesis.BaseSchema) -> None:
    assert {op.ok().path for op in api_schema.get_all_operations()} == set(OPERATIONS)


@pytest.mark.parametrize(("path", "mode"), CASES)
def test_the_api_keeps_its_schema(
    api_schema: schemathesis.BaseSchema, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
