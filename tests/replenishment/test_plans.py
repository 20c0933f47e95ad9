"""Restock plans on real PostgreSQL, through the API: the planner, the lifecycle, and what bad input gets."""

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fastcommerce.auth.permissions import Role
from fastcommerce.inventory.models import StockMovement
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.replenishment.models import RestockPlan, RestockPlanEvent
from fastcommerce.replenishment.policy import DemandDistribution
from tests.conftest import bearer
from tests.replenishment.world import PLANNING_AT, WAVE, World, forecast, level, make_world


def run(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/replenishment/run", json={"wave": PLANNING_AT.isoformat(), **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def plan_of(client: TestClient, world: World, store: int = 0) -> dict[str, Any]:
    plans = client.get("/api/restock-plans", params={"store": world.stores[store].code}).json()
    assert len(plans) == 1
    plan: dict[str, Any] = plans[0]
    return plan


def post(
    client: TestClient, plan_id: int, action: str, as_user: dict[str, str] | None = None, **body: Any
) -> Any:
    return client.post(f"/api/restock-plans/{plan_id}/{action}", json=body or None, headers=as_user)


def test_a_plan_goes_from_draft_to_closed_and_every_place_ends_right(
    client: TestClient, session: Session
) -> None:
    world = make_world(session, stores=1, skus=2, on_hand=2, reorder_point=10, max_stock=40, case_pack=6)
    result = run(client)
    assert datetime.fromisoformat(result["waves"]["BLR"]) == WAVE
    plan = plan_of(client, world)
    assert (plan["status"], plan["hub_code"]) == ("draft", world.hub.code)
    assert datetime.fromisoformat(plan["wave_at"]) == WAVE
    assert datetime.fromisoformat(plan["history"][0]["at"]) == PLANNING_AT  # planned as of the moment asked
    # position 2 < s = 10: order up to 40, 38 units, rounded up to 7 cases of 6 = 42
    assert sorted((line["sku"], line["qty"], line["rule"]) for line in plan["lines"]) == [
        (world.skus[0], 42, "minmax"),
        (world.skus[1], 42, "minmax"),
    ]
    assert "below s=10" in plan["lines"][0]["reason"] and "case pack 6" in plan["lines"][0]["reason"]
    [summary] = client.get("/api/restock-plans", params={"lines": "false"}).json()
    assert (summary["line_count"], summary["units"], summary["lines"], summary["history"]) == (2, 84, [], [])

    asha = bearer(session, Role.PLANNER, username="asha")
    hub_crew = bearer(session, Role.PLANNER, username="hub-crew")
    store_manager = bearer(session, Role.STORE_MANAGER, [world.stores[0].code], username="ravi")
    assert post(client, plan["id"], "approve", asha).json()["status"] == "approved"
    dispatched = post(client, plan["id"], "dispatch", hub_crew).json()
    assert dispatched["status"] == "dispatched"
    assert level(session, world.hub, world.skus[0]) == 1000 - 42
    assert level(session, world.stores[0], world.skus[0]) == 2  # in transit, not there yet

    first, second = world.skus
    partial = post(client, plan["id"], "receive", store_manager, lines=[{"sku": first, "qty": 30}])
    assert partial.json()["status"] == "partially_received"
    closed = post(
        client,
        plan["id"],
        "receive",
        lines=[{"sku": first, "qty": 12}, {"sku": second, "qty": 40}],
        close=True,
    ).json()
    assert closed["status"] == "closed"
    lines = {line["sku"]: line for line in closed["lines"]}
    assert (lines[first]["received"], lines[first]["written_off"]) == (42, 0)
    assert (lines[second]["received"], lines[second]["written_off"]) == (40, 2)
    assert [(h["status"], h["actor"]) for h in closed["history"]] == [
        ("draft", "admin"),
        ("approved", "asha"),
        ("dispatched", "hub-crew"),
        ("partially_received", "ravi"),
        ("closed", "admin"),
    ]
    assert (level(session, world.stores[0], first), level(session, world.stores[0], second)) == (44, 42)
    assert (level(session, world.hub, first), level(session, world.hub, second)) == (958, 958)
    assert check_ledger(session) == []


def test_back_ordered_units_return_to_the_hub(client: TestClient, session: Session) -> None:
    world = make_world(session, stores=1, skus=1)
    run(client)
    plan = plan_of(client, world)
    post(client, plan["id"], "approve")
    post(client, plan["id"], "dispatch")
    closed = post(
        client,
        plan["id"],
        "receive",
        lines=[{"sku": world.skus[0], "qty": 10}],
        close=True,
        remainder="back_order",
    ).json()
    assert closed["lines"][0]["back_ordered"] == 32
    assert level(session, world.hub, world.skus[0]) == 1000 - 42 + 32
    assert check_ledger(session) == []


def test_the_planner_run_again_changes_nothing_and_never_touches_an_approved_plan(
    client: TestClient, session: Session
) -> None:
    world = make_world(session, stores=2, skus=3)
    first = run(client)
    assert sorted(s["outcome"] for s in first["stores"]) == ["created", "created"]
    again = run(client)
    assert sorted(s["outcome"] for s in again["stores"]) == ["unchanged", "unchanged"]
    assert [p["lines"] for p in again["plans"]] == [p["lines"] for p in first["plans"]]
    assert session.scalar(select(func.count()).select_from(RestockPlan)) == 2

    plan = plan_of(client, world, 0)
    post(client, plan["id"], "approve")
    third = run(client)
    assert {s["store_code"]: s["outcome"] for s in third["stores"]} == {
        world.stores[0].code: "skipped",
        world.stores[1].code: "unchanged",
    }
    assert plan_of(client, world, 0)["lines"] == plan["lines"]
    assert session.scalar(select(func.count()).select_from(RestockPlan)) == 2


def test_units_on_the_way_are_not_ordered_again_when_the_receipt_is_late(
    client: TestClient, session: Session
) -> None:
    """The 06:00 wave's plan is dispatched but not received; planning the 15:00 wave counts it in transit."""
    world = make_world(session, stores=1, skus=1)
    run(client)
    plan = plan_of(client, world)
    post(client, plan["id"], "approve")
    post(client, plan["id"], "dispatch")
    later = client.post(
        "/api/replenishment/run", json={"wave": PLANNING_AT.replace(hour=12, minute=40).isoformat()}
    ).json()
    assert later["stores"][0]["outcome"] == "nothing"
    plans = client.get("/api/restock-plans", params={"store": world.stores[0].code}).json()
    assert [p["status"] for p in plans] == ["dispatched"]


def test_scarce_hub_stock_is_shared_and_never_promised_twice(client: TestClient, session: Session) -> None:
    world = make_world(session, stores=3, skus=1, hub_units=60, case_pack=6)
    run(client)
    plans = client.get("/api/restock-plans").json()
    assert sum(p["lines"][0]["qty"] for p in plans) == 60  # 3 stores want 42 each: all 60 go, none more
    assert all("hub holds 60" in p["lines"][0]["reason"] for p in plans if p["lines"][0]["qty"] < 42)
    for plan in plans:
        assert post(client, plan["id"], "approve").status_code == 200
    hubs = client.get("/api/hubs").json()
    assert [h["promised_units"] for h in hubs if h["code"] == world.hub.code] == [
        sum(p["lines"][0]["qty"] for p in plans)
    ]


def movements(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StockMovement)) or 0


def test_approval_beyond_the_hub_stock_is_refused_naming_the_sku(
    client: TestClient, session: Session
) -> None:
    world = make_world(session, stores=2, skus=1, hub_units=42)
    run(client, stores=[world.stores[0].code])  # planned alone, it gets all 42
    first = plan_of(client, world, 0)
    run(client, stores=[world.stores[1].code])  # the draft above promises nothing yet: also 42
    second = plan_of(client, world, 1)
    assert (first["lines"][0]["qty"], second["lines"][0]["qty"]) == (42, 42)
    assert post(client, first["id"], "approve").status_code == 200
    refused = post(client, second["id"], "approve")
    assert refused.status_code == 409
    detail = refused.json()["detail"][0]
    assert detail["type"] == "hub_shortage" and world.skus[0] in detail["msg"] and "has 0" in detail["msg"]
    assert plan_of(client, world, 1)["status"] == "draft"


@pytest.mark.parametrize(
    ("lines", "status", "loc", "type_"),
    [
        ([{"sku": "SKU", "qty": -1}], 422, ["body", "lines", 0, "qty"], "greater_than_equal"),
        ([{"sku": "SKU", "qty": 43}], 422, ["body", "lines", 0, "qty"], "invalid_quantity"),
        ([{"sku": "NOPE-1", "qty": 1}], 422, ["body", "lines", 0, "sku"], "unknown_sku"),
        (
            [{"sku": "SKU", "qty": 1}, {"sku": "SKU", "qty": 1}],
            422,
            ["body", "lines", 1, "sku"],
            "invalid_quantity",
        ),
    ],
)
def test_a_bad_receipt_names_the_field_and_changes_nothing(
    client: TestClient, session: Session, lines: list[dict[str, Any]], status: int, loc: list[Any], type_: str
) -> None:
    world = make_world(session, stores=1, skus=1)
    run(client)
    plan = plan_of(client, world)
    post(client, plan["id"], "approve")
    post(client, plan["id"], "dispatch")
    before = movements(session), level(session, world.stores[0], world.skus[0])
    body = {
        "lines": [{**line, "sku": world.skus[0] if line["sku"] == "SKU" else line["sku"]} for line in lines]
    }
    response = client.post(f"/api/restock-plans/{plan['id']}/receive", json=body)
    assert response.status_code == status, response.text
    detail = response.json()["detail"][0]
    assert (detail["loc"], detail["type"]) == (loc, type_)
    assert (movements(session), level(session, world.stores[0], world.skus[0])) == before
    assert plan_of(client, world)["status"] == "dispatched"


def test_an_illegal_transition_is_a_409_naming_the_current_status(
    client: TestClient, session: Session
) -> None:
    world = make_world(session, stores=1, skus=1)
    run(client)
    plan = plan_of(client, world)
    events = session.scalar(select(func.count()).select_from(RestockPlanEvent))
    for action in ("dispatch", "receive"):
        response = client.post(f"/api/restock-plans/{plan['id']}/{action}", json={"lines": []})
        assert response.status_code == 409
        detail = response.json()["detail"][0]
        assert (detail["type"], detail["input"]) == ("illegal_transition", "draft")
        assert "is draft" in detail["msg"]
    post(client, plan["id"], "cancel")
    assert post(client, plan["id"], "approve").json()["detail"][0]["input"] == "cancelled"
    assert session.scalar(select(func.count()).select_from(RestockPlanEvent)) == events + 1
    assert client.post("/api/restock-plans/999999/approve").status_code == 404


def test_unknown_stores_in_a_run_are_named(client: TestClient, session: Session) -> None:
    world = make_world(session, stores=1, skus=1)
    response = client.post("/api/replenishment/run", json={"stores": [world.stores[0].code, "NOPE-9"]})
    assert response.status_code == 422
    assert [(d["loc"], d["type"]) for d in response.json()["detail"]] == [
        (["body", "stores", 1], "unknown_store")
    ]
    assert session.scalar(select(func.count()).select_from(RestockPlan)) == 0


def test_rules_resolve_by_source_and_a_put_changes_what_is_planned(
    client: TestClient, session: Session
) -> None:
    world = make_world(session, stores=1, skus=2)
    store, (first, second) = world.stores[0].code, world.skus
    rules = client.get(f"/api/stores/{store}/rules").json()
    assert {(r["sku"], r["policy"], r["source"], r["reorder_point"]) for r in rules} == {
        (first, "forecast", "default", 10),
        (second, "forecast", "default", 10),
    }
    put = client.put(
        f"/api/stores/{store}/rules/{first}", json={"policy": "minmax", "moq": 60, "max_stock": 50}
    )
    assert put.status_code == 200, put.text
    assert (put.json()["source"], put.json()["moq"], put.json()["max_stock"]) == ("sku", 60, 50)
    assert client.get(f"/api/stores/{store}/rules/{second}").json()["source"] == "default"

    result = run(client)
    lines = {line["sku"]: line for line in result["plans"][0]["lines"]}
    assert lines[first]["qty"] == 60 and "minimum order 60" in lines[first]["reason"]
    assert lines[first]["rule_source"] == "sku" and lines[second]["rule_source"] == "default"

    bad = client.put(f"/api/stores/{store}/rules/{first}", json={"reorder_point": 80})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "reorder_point"]
    assert client.get(f"/api/stores/{store}/rules/{first}").json()["reorder_point"] == 10
    assert client.put(f"/api/stores/{store}/rules/{first}", json={"service_level": 1.5}).status_code == 422
    assert client.get(f"/api/stores/{store}/rules/NOPE-1").status_code == 422


def test_the_forecast_rule_orders_up_to_the_lead_time_quantile_plus_the_review_demand(
    client: TestClient, session: Session
) -> None:
    """240 a day, evenly over the hours (no history for a profile), Poisson (no band spread): from 03:40 to
    the 15:00 wave after the 06:00 one 113.3 are expected, s is their 98% quantile, S = s + the 90 expected
    from 06:00 to 15:00."""
    world = make_world(session, stores=1, skus=1, on_hand=2, reorder_point=10, max_stock=40, case_pack=1)
    forecast(session, world, 240.0)
    [line] = run(client)["plans"][0]["lines"]
    s = int(DemandDistribution.of(240 * (11 + 20 / 60) / 24, 240 * (11 + 20 / 60) / 24).quantile(0.98)[0])
    assert (line["rule"], line["rule_source"]) == ("forecast", "default")
    assert (line["reorder_point"], line["order_up_to"], line["qty"]) == (s, s + 90, s + 90 - 2)
    assert line["demand_protection"] == pytest.approx(113.333, abs=0.01)
    assert line["reason"].startswith(
        "forecast rule at service level 0.98: demand until the wave after is 113.3"
    )


def test_default_rules_by_category_and_store_take_their_place_in_the_order(
    client: TestClient, session: Session
) -> None:
    world = make_world(session, stores=2, skus=1)
    store, other, sku = world.stores[0].code, world.stores[1].code, world.skus[0]

    def rule(code: str) -> dict[str, Any]:
        found: dict[str, Any] = client.get(f"/api/stores/{code}/rules/{sku}").json()
        return found

    every_store = client.put("/api/restock-rules", json={"policy": "minmax", "moq": 3})
    assert every_store.status_code == 200, every_store.text
    assert (rule(store)["source"], rule(store)["policy"], rule(store)["moq"]) == ("store", "minmax", 3)
    snacks = client.put("/api/restock-rules", json={"category": "Snacks", "policy": "forecast", "moq": 6})
    assert (rule(store)["source"], rule(store)["moq"]) == ("category", 6)
    client.put(
        "/api/restock-rules", json={"store": store, "category": "Snacks", "policy": "forecast", "moq": 9}
    )
    assert (rule(store)["moq"], rule(other)["moq"]) == (9, 6)
    client.put(f"/api/stores/{store}/rules/{sku}", json={"moq": 12})
    assert (rule(store)["source"], rule(store)["moq"]) == ("sku", 12)

    again = client.put("/api/restock-rules", json={"category": "Snacks", "policy": "minmax", "moq": 4})
    assert again.json()["id"] == snacks.json()["id"]  # the same scope is updated, not duplicated
    assert len(client.get("/api/restock-rules").json()) == 3
    assert client.delete(f"/api/restock-rules/{snacks.json()['id']}").status_code == 204
    assert (rule(other)["source"], rule(other)["moq"]) == ("store", 3)

    bad = client.put("/api/restock-rules", json={"category": "Nope", "policy": "minmax"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "category"]
    assert client.put("/api/restock-rules", json={"store": "NOPE-1", "policy": "minmax"}).status_code == 422
    assert client.put("/api/restock-rules", json={"policy": "sometimes"}).status_code == 422
    assert len(client.get("/api/restock-rules").json()) == 2


def test_a_categorys_room_at_a_store_caps_its_lines(client: TestClient, session: Session) -> None:
    """Three Snacks SKUs at 2 on hand each want 42 apiece (up to 40, in cases of 6); the first store's Snacks
    shelf holds 36 (30 free): its three lines share 30, the second store's are not cut."""
    world = make_world(session, stores=2, skus=3, on_hand=2, reorder_point=10, max_stock=40, case_pack=6)
    code = world.stores[0].code
    put = client.put(
        f"/api/stores/{code}/capacity", json={"categories": [{"category": "Snacks", "capacity_units": 36}]}
    )
    assert put.status_code == 200, put.text
    assert put.json()["categories"] == [{"category": "Snacks", "capacity_units": 36}]
    run(client)
    capped, free = plan_of(client, world, 0), plan_of(client, world, 1)
    assert sum(line["qty"] for line in capped["lines"]) == 30
    assert all(line["qty"] % 6 == 0 for line in capped["lines"])
    reasons = [line["reason"] for line in capped["lines"]]
    assert any("its category's room at the store: 30 units free" in reason for reason in reasons)
    assert [line["qty"] for line in free["lines"]] == [42, 42, 42]

    lifted = client.put(
        f"/api/stores/{code}/capacity", json={"categories": [{"category": "Snacks", "capacity_units": None}]}
    )
    assert lifted.json()["categories"] == []
    run(client)
    assert [line["qty"] for line in plan_of(client, world, 0)["lines"]] == [42, 42, 42]


def test_bad_capacities_are_refused_naming_the_field(client: TestClient, session: Session) -> None:
    world = make_world(session, stores=1, skus=1)
    url = f"/api/stores/{world.stores[0].code}/capacity"
    before = client.get(url).json()
    unknown = client.put(
        url,
        json={
            "capacity_units": 500,
            "categories": [
                {"category": "Snacks", "capacity_units": 10},
                {"category": "Moon rocks", "capacity_units": 10},
            ],
        },
    )
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "categories", 1, "category"]
    zero = client.put(url, json={"categories": [{"category": "Snacks", "capacity_units": 0}]})
    assert zero.status_code == 422
    assert zero.json()["detail"][0]["loc"] == ["body", "categories", 0, "capacity_units"]
    assert client.get(url).json() == before  # nothing changed, not even the total
    assert client.put("/api/stores/NOPE/capacity", json={}).status_code == 404
