"""Schemathesis against the app's own OpenAPI document, in process, on the test database: every operation but
the endless `/api/stream`, every check, a fixed seed and a bounded number of examples per operation. Path
and query parameters draw half the time on the codes of a small seeded world, so that requests reach the
services, not only the 404s. docs/reliability.md has the figures."""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from sqlalchemy import select
from sqlalchemy.orm import Session

from fastcommerce import db
from fastcommerce.auth.permissions import Role
from fastcommerce.stores.models import ServiceArea
from tests.conftest import bearer
from tests.replenishment.world import World, make_world

EXAMPLES_PER_OPERATION = 100


@dataclass
class Run:
    operations: set[str] = field(default_factory=set)
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


@pytest.fixture
def app(session: Session) -> Iterator[FastAPI]:
    from fastcommerce.main import app

    def test_session() -> Iterator[Session]:
        session.commit()
        with db.committing(session):
            yield session

    app.dependency_overrides[db.get_session] = test_session
    try:
        yield app
    finally:
        app.dependency_overrides.clear()


def _config(session: Session, world: World) -> SchemathesisConfig:
    served = session.scalars(
        select(ServiceArea.pincode).where(ServiceArea.store_id.in_([s.id for s in world.stores]))
    ).all()
    dictionaries = {
        "code": [s.code for s in world.stores] + [world.hub.code],
        "sku": world.skus,
        "pincode": sorted(served)[:5],
        "city": ["BLR"],
    }
    parameters = {
        name: {"dictionary": dictionary, "probability": 0.5}
        for name, dictionary in (
            ("code", "code"),
            ("store", "code"),
            ("from_store", "code"),
            ("sku", "sku"),
            ("pincode", "pincode"),
            ("city", "city"),
        )
    }
    return SchemathesisConfig.from_dict(
        {
            "seed": 20261202,
            "headers": bearer(session, Role.ADMIN),  # every operation, as the role that may do all
            "cache": {"enabled": False},  # no state carried between runs (and no .schemathesis/ folder)
            "generation": {
                "max-examples": EXAMPLES_PER_OPERATION,
                "deterministic": True,
                "allow-x00": True,
                "database": "none",
                "dictionaries": {},
            },
            "dictionaries": {name: {"values": values} for name, values in dictionaries.items()},
            "parameters": parameters,
            "checks": {
                # A schema cannot say which codes exist (an unknown SKU or store in a body is a 422), nor
                # rules across fields ('from' before 'to', a receipt's qty >= 1 but an adjustment's signed).
                "positive_data_acceptance": {"expected-statuses": ["2xx", "404", "409", "422"]},
            },
            # Nor which passwords and tokens are right: signing in with made-up ones is a 401 (a 429 once
            # a username has failed too often).
            "operations": [
                {
                    "include-path-regex": "^/api/auth/(token|login|refresh)$",
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "422", "429"]}
                    },
                }
            ],
        }
    )


def fuzz(app: FastAPI, config: SchemathesisConfig) -> Run:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config).exclude(path="/api/stream")
    run = Run()
    started = time.monotonic()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            run.operations.add(event.recorder.label)
            run.requests += len(event.recorder.interactions)
            for checks in event.recorder.checks.values():
                run.failures += [
                    f"{event.recorder.label}: {c.name}: {c.failure_info.failure.title}\n"
                    f"{c.failure_info.failure.message}\n{c.failure_info.code_sample}"
                    for c in checks
                    if c.status == Status.FAILURE and c.failure_info
                ]
        elif isinstance(event, events.NonFatalError):
            run.failures.append(f"{event.label}: {event.info.title}\n{event.info.message}")
        elif isinstance(event, events.FatalError):
            raise event.exception
    run.seconds = time.monotonic() - started
    return run


def test_every_operation_survives_the_fuzzer(app: FastAPI, session: Session) -> None:
    world = make_world(session, stores=2, skus=3)
    session.commit()
    run = fuzz(app, _config(session, world))
    paths = app.openapi()["paths"]
    operations = {f"{m.upper()} {p}" for p in paths for m in paths[p] if p != "/api/stream"}
    print(f"\n{len(operations)} operations, {run.requests} requests, {run.seconds:.0f} s")
    assert operations <= run.operations
    assert run.requests > 1000
    assert not run.failures, "\n\n".join(dict.fromkeys(run.failures))
