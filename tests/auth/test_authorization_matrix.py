"""Every operation of the API × every role → 401, 403 or through, against the rule this file states for it.

The operations come from the app's route table: an operation with no rule here fails the test, so a new
endpoint must say who may call it. Denied answers are exact (401 or 403); an allowed read answers 200, and an
allowed write gets past authorization to the handler or its validation (the requests are built so that none
can change anything: no body, or an id that does not exist), so it answers neither 401 nor 403 nor 5xx.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from fastcommerce.auth.permissions import Permission, Role
from fastcommerce.main import create_app
from tests.conftest import bearer
from tests.factories import pincodes
from tests.replenishment.world import PLANNING_AT, forecast, make_world

PUBLIC = "public"
SIGNED_IN = "signed in"
P = Permission

RULES: dict[str, Permission | str] = {
    "GET /api/health": PUBLIC,
    "GET /api/metrics": P.READ,
    "POST /api/auth/token": PUBLIC,
    "POST /api/auth/refresh": PUBLIC,
    "POST /api/auth/login": PUBLIC,
    "POST /api/auth/logout": PUBLIC,
    "GET /api/auth/me": SIGNED_IN,
    "GET /api/audit": P.AUDIT_READ,
    "GET /api/stores": P.READ,
    "POST /api/stores": P.STORES_WRITE,
    "GET /api/stores/{code}": P.READ,
    "GET /api/stores/{code}/capacity": P.READ,
    "PUT /api/stores/{code}/capacity": P.RULES_WRITE,
    "GET /api/pincodes": P.READ,
    "GET /api/skus": P.READ,
    "GET /api/stores/{code}/inventory": P.READ,
    "GET /api/stores/{code}/inventory.csv": P.READ,
    "GET /api/inventory/health": P.READ,
    "POST /api/stores/{code}/movements": P.STOCK_WRITE,
    "GET /api/stores/{code}/movements": P.READ,
    "POST /api/transfers": P.STOCK_WRITE,
    "GET /api/ledger/check": P.READ,
    "POST /api/orders": P.ORDERS_WRITE,
    "POST /api/orders/bulk": P.ORDERS_WRITE,
    "GET /api/orders/{order_id}": P.READ,
    "GET /api/heatmap": P.READ,
    "GET /api/heatmap/timeseries": P.READ,
    "GET /api/pincodes/{pincode}": P.READ,
    "GET /api/stream": P.READ,
    "GET /api/forecasts": P.READ,
    "GET /api/forecasts/accuracy": P.READ,
    "GET /api/forecasts/series": P.READ,
    "GET /api/forecasts/runs": P.READ,
    "GET /api/hubs": P.READ,
    "GET /api/hubs/{code}/inventory": P.READ,
    "POST /api/hubs/{code}/receipts": P.STOCK_WRITE,
    "GET /api/stores/{code}/rules": P.READ,
    "GET /api/stores/{code}/rules/{sku}": P.READ,
    "PUT /api/stores/{code}/rules/{sku}": P.RULES_WRITE,
    "GET /api/restock-rules": P.READ,
    "PUT /api/restock-rules": P.RULES_WRITE,
    "DELETE /api/restock-rules/{id}": P.RULES_WRITE,
    "POST /api/replenishment/run": P.PLANS_WRITE,
    "GET /api/restock-plans": P.READ,
    "GET /api/restock-plans/{id}": P.READ,
    "POST /api/restock-plans/{id}/approve": P.PLANS_WRITE,
    "POST /api/restock-plans/{id}/dispatch": P.PLANS_WRITE,
    "POST /api/restock-plans/{id}/cancel": P.PLANS_WRITE,
    "POST /api/restock-plans/{id}/receive": P.PLANS_RECEIVE,
    "GET /api/transfers/suggestions": P.READ,
    "GET /api/alerts": P.READ,
    "POST /api/alerts/{id}/ack": P.ALERTS_WRITE,
    "GET /api/simulation/history": P.READ,
}

# what each read needs to answer 200
QUERIES = {
    "/api/stores/{code}/inventory": {"limit": 5},
    "/api/stores/{code}/inventory.csv": {},
    "/api/heatmap": {"city": "BLR"},
    "/api/heatmap/timeseries": {"city": "BLR"},
    "/api/forecasts": {"store": "{code}", "sku": "{sku}"},
    "/api/forecasts/series": {"store": "{code}", "sku": "{sku}"},
    "/api/hubs/{code}/inventory": {},
}
NO_SUCH_ID = "987654321"


def operations() -> Iterator[tuple[str, str]]:
    for route in create_app().routes:
        contexts = getattr(route, "effective_route_contexts", None)
        for context in contexts() if contexts else ():
            for method in sorted(context.methods or ()):
                yield method, context.path


@dataclass
class Caller:
    name: str
    headers: dict[str, str]
    permissions: frozenset[Permission] | None  # None: not signed in
    own_store: bool = True  # False: a store manager at another store than the one the path names


def callers(session: Session, store: str, other_store: str) -> list[Caller]:
    from fastcommerce.auth.permissions import ROLE_PERMISSIONS

    made = [Caller("anonymous", {}, None)]
    for role in Role:
        stores = [store] if role == Role.STORE_MANAGER else None
        made.append(Caller(role.value, bearer(session, role, stores), ROLE_PERMISSIONS[role]))
    made.append(
        Caller(
            "store_manager elsewhere",
            bearer(session, Role.STORE_MANAGER, [other_store]),
            ROLE_PERMISSIONS[Role.STORE_MANAGER],
            own_store=False,
        )
    )
    return made


def expected_denial(rule: Permission | str, caller: Caller, method: str, path: str) -> int | None:
    if rule == PUBLIC:
        return None
    if caller.permissions is None:
        return 401
    if rule == SIGNED_IN:
        return None
    assert isinstance(rule, Permission)
    if rule not in caller.permissions:
        return 403
    store_write = method != "GET" and path.startswith(("/api/stores/{code}", "/api/hubs/{code}"))
    if store_write and not caller.own_store:
        return 403
    if path.startswith("/api/hubs/{code}") and method != "GET" and caller.name == Role.STORE_MANAGER:
        return 403  # a hub is no store manager's store
    return None


def test_every_operation_has_a_rule() -> None:
    found = {f"{method} {path}" for method, path in operations()}
    assert sorted(found - RULES.keys()) == [], "operations without a rule: add them to RULES"
    assert sorted(RULES.keys() - found) == [], "rules for operations that no longer exist"


@pytest.fixture
def world_paths(session: Session, client: TestClient) -> dict[str, str]:
    world = make_world(session, stores=2, skus=1)
    forecast(session, world, daily=3)
    run = client.post("/api/replenishment/run", json={"wave": PLANNING_AT.isoformat()})
    assert run.status_code == 200, run.text
    plan = client.get("/api/restock-plans", params={"store": world.stores[0].code}).json()[0]
    order = client.post(
        "/api/orders",
        json={
            "order_id": "M-1",
            "pincode": pincodes(session)[0].pincode,
            "lines": [{"sku": world.skus[0], "qty": 1}],
        },
    )
    assert order.status_code == 201, order.text
    client.put(
        f"/api/stores/{world.stores[0].code}/rules/{world.skus[0]}",
        json={"reorder_point": 5, "max_stock": 20},
    )
    return {
        "store": world.stores[0].code,
        "other_store": world.stores[1].code,
        "hub": world.hub.code,
        "sku": world.skus[0],
        "plan": str(plan["id"]),
        "order_id": "M-1",
        "pincode": str(pincodes(session)[0].pincode),
    }


def test_each_role_gets_what_its_rule_says_on_every_operation(
    client: TestClient, session: Session, world_paths: dict[str, str]
) -> None:
    everyone = callers(session, world_paths["store"], world_paths["other_store"])
    client.headers.pop("Authorization")
    wrong: list[str] = []
    for method, path in operations():
        rule = RULES[f"{method} {path}"]
        for caller in everyone:
            values = {
                "{code}": world_paths["hub" if path.startswith("/api/hubs/{code}") else "store"],
                "{sku}": world_paths["sku"],
                "{order_id}": world_paths["order_id"],
                "{pincode}": world_paths["pincode"],
                "{id}": world_paths["plan"] if method == "GET" else NO_SUCH_ID,
            }
            url = path
            for name, value in values.items():
                url = url.replace(name, value)
            params = {key: values.get(str(value), value) for key, value in QUERIES.get(path, {}).items()}
            denial = expected_denial(rule, caller, method, path)
            if path == "/api/stream" and denial is None:
                continue  # endless; tests/auth/test_auth.py reads it through a real server
            answer = client.request(method, url, params=params, headers=caller.headers)
            if denial is not None:
                ok = answer.status_code == denial
            elif method == "GET":
                ok = answer.status_code == 200
            else:
                ok = answer.status_code not in (401, 403) and answer.status_code < 500
            if not ok:
                expected = denial or ("200" if method == "GET" else "through")
                wrong.append(f"{caller.name} {method} {url}: {answer.status_code}, expected {expected}")
    assert wrong == [], "\n".join(wrong)
