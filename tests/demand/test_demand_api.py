import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import make_sku, pincodes, receive, stocked_store

WINDOW = {"from": "2026-11-20T18:00:00+05:30", "to": "2026-11-20T21:00:00+05:30"}


def place(client: TestClient, order_id: str, pincode: int, sku: str, qty: int, at: str) -> None:
    body = {"order_id": order_id, "pincode": pincode, "created_at": at, "lines": [{"sku": sku, "qty": qty}]}
    assert client.post("/api/orders", json=body).status_code == 201


def test_heatmap_covers_every_pincode_and_marks_unserved_demand(client: TestClient, session: Session) -> None:
    home, store, sku = stocked_store(session, 3)
    far = pincodes(session)[-1]
    place(client, "M-1", home.pincode, sku, 5, "2026-11-20T19:10:00+05:30")
    place(client, "M-2", far.pincode, sku, 2, "2026-11-20T19:20:00+05:30")
    place(client, "M-3", home.pincode, sku, 1, "2026-11-20T22:00:00+05:30")  # after the window

    response = client.get("/api/heatmap", params={**WINDOW, "city": "BLR"})
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == len(pincodes(session))
    props = {f["id"]: f["properties"] for f in body["features"]}
    home_props = props[str(home.pincode)]
    assert (home_props["units"], home_props["lost_units"], home_props["orders"], home_props["intensity"]) == (
        5,
        2,
        1,
        1.0,
    )
    assert props[str(home.pincode)]["store_code"] == store.code
    assert props[str(far.pincode)]["served"] is False
    assert props[str(far.pincode)]["unserved_units"] == 2
    assert props[str(far.pincode)]["intensity"] == 0.4
    assert body["metadata"]["intensity_scale"] == {"type": "linear", "metric": "units", "min": 0, "max": 5}
    assert body["metadata"]["totals"]["units"] == 7
    assert sum(1 for p in props.values() if p["units"] == 0) == len(props) - 2
    geometry = body["features"][0]["geometry"]
    assert geometry["type"] == "Polygon" and len(geometry["coordinates"][0]) >= 4

    lost = client.get("/api/heatmap", params={**WINDOW, "city": "BLR", "metric": "lost_units"}).json()
    assert {
        f["id"]: f["properties"]["intensity"] for f in lost["features"] if f["properties"]["intensity"]
    } == {
        str(home.pincode): 1.0,
        str(far.pincode): 1.0,
    }


def test_change_compares_with_the_previous_equal_window(client: TestClient, session: Session) -> None:
    home, _, sku = stocked_store(session, 100)
    place(client, "C-1", home.pincode, sku, 4, "2026-11-20T16:30:00+05:30")  # previous window (15:00-18:00)
    place(client, "C-2", home.pincode, sku, 6, "2026-11-20T18:30:00+05:30")
    props = {
        f["id"]: f["properties"]
        for f in client.get("/api/heatmap", params={**WINDOW, "city": "BLR"}).json()["features"]
    }[str(home.pincode)]
    assert (props["units"], props["previous"], props["change"], props["change_pct"]) == (6, 4, 2, 50.0)


def test_timeseries_and_pincode_detail(client: TestClient, session: Session) -> None:
    home, store, sku = stocked_store(session, 100)
    place(client, "T-1", home.pincode, sku, 2, "2026-11-20T19:10:00+05:30")
    place(client, "T-2", home.pincode, sku, 3, "2026-11-20T19:50:00+05:30")
    hourly = client.get(
        "/api/heatmap/timeseries", params={**WINDOW, "pincode": home.pincode, "step": "1h"}
    ).json()
    assert [p["units"] for p in hourly["points"]] == [0, 5, 0]
    assert hourly["points"][1]["at"] == "2026-11-20T13:30:00Z"  # 19:00 IST
    five = client.get("/api/heatmap/timeseries", params={**WINDOW, "store": store.code, "step": "5m"}).json()
    assert len(five["points"]) == 36 and five["totals"]["units"] == 5
    by_cell = client.get("/api/heatmap/timeseries", params={**WINDOW, "h3": home.h3_r8}).json()
    assert home.pincode in by_cell["target"]["pincodes"] and by_cell["totals"]["orders"] == 2

    detail = client.get(f"/api/pincodes/{home.pincode}").json()
    assert detail["served_by"]["code"] == store.code
    assert detail["h3"]["8"] == home.h3_r8
    assert client.get("/api/pincodes/999999").status_code == 404


def test_city_timeseries_sums_every_pincode_of_the_city_served_or_not_and_filters_lines(
    client: TestClient, session: Session
) -> None:
    home, store, sku = stocked_store(session, 100)
    dairy = make_sku(session, category="Dairy")
    receive(session, store, dairy, 100)
    far = pincodes(session)[-1]
    place(client, "CT-1", home.pincode, sku, 2, "2026-11-20T19:10:00+05:30")
    place(client, "CT-2", far.pincode, sku, 3, "2026-11-20T19:50:00+05:30")  # unserved: all lost
    place(client, "CT-3", home.pincode, dairy, 4, "2026-11-20T20:05:00+05:30")
    place(client, "CT-4", pincodes(session, "DEL")[0].pincode, sku, 9, "2026-11-20T19:00:00+05:30")

    def units(**params: str) -> list[int]:
        body = client.get("/api/heatmap/timeseries", params={**WINDOW, "city": "BLR", **params}).json()
        assert body["target"]["city"] == "BLR"
        return [p["units"] for p in body["points"]]

    assert units() == [0, 5, 4]
    assert units(sku=sku) == [0, 5, 0]
    assert units(category="Dairy") == [0, 0, 4]
    assert units(category="Dairy", sku=sku) == [0, 0, 0]
    lost = client.get("/api/heatmap/timeseries", params={**WINDOW, "city": "BLR"}).json()["totals"]
    assert lost["lost_units"] == 3 and lost["orders"] == 3
    for params, loc in (({"city": "PAR"}, "city"), ({"city": "BLR", "sku": "NOPE"}, "sku")):
        response = client.get("/api/heatmap/timeseries", params=params)
        assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", loc]


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"from": "2026-11-20T18:00:00"}, ["query", "from"]),
        ({"from": "2026-11-20T18:00:00+05:30", "to": "2026-11-20T17:00:00+05:30"}, ["query"]),
        ({"city": "PAR"}, ["query", "city"]),
        ({"level": "h3", "resolution": 10}, ["query", "resolution"]),
        ({"window": "3h"}, ["query", "window"]),
        ({"metric": "profit"}, ["query", "metric"]),
        ({"sku": "NOPE"}, ["query", "sku"]),
        ({"category": "Nothing"}, ["query", "category"]),
        ({"from": "1900-01-01T00:00:00+05:30"}, ["query", "from"]),  # over 31 days before now
    ],
)
def test_bad_heatmap_queries_are_422_naming_the_parameter(
    client: TestClient, params: dict[str, object], loc: list[str]
) -> None:
    response = client.get("/api/heatmap", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc


def test_timeseries_needs_exactly_one_target(client: TestClient, session: Session) -> None:
    make_sku(session)
    assert client.get("/api/heatmap/timeseries", params={"pincode": 560001, "store": "X"}).status_code == 422
    assert client.get("/api/heatmap/timeseries").status_code == 422
    assert client.get("/api/heatmap/timeseries", params={"store": "NOPE"}).json()["detail"][0]["loc"] == [
        "query",
        "store",
    ]
