from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from fastcommerce.geo.distance import haversine_m
from fastcommerce.stores.placement import dense_sites
from tests.factories import make_store, pincodes


def test_dense_sites_start_at_the_densest_cluster() -> None:
    cluster = [(12.97 + 0.001 * i, 77.59 + 0.001 * i) for i in range(6)]
    lonely = [(13.20, 77.80), (12.70, 77.40)]
    sites = dense_sites(cluster + lonely, count=2, radius_m=2000)
    assert haversine_m(*sites[0], 12.9725, 77.5925) < 200
    assert len(sites) == 2


def test_a_pincode_is_served_by_the_nearest_store_within_radius(client: TestClient, session: Session) -> None:
    pins = pincodes(session)
    home = pins[0]
    far_pin = max(pins, key=lambda p: haversine_m(p.lat, p.lng, home.lat, home.lng))
    store = make_store(session, home, radius_m=2000)
    response = client.get(f"/api/stores/{store.code}")
    assert response.status_code == 200
    served = response.json()["pincodes"]
    expected = sorted(p.pincode for p in pins if haversine_m(p.lat, p.lng, home.lat, home.lng) <= 2000)
    assert served == expected
    assert home.pincode in served and far_pin.pincode not in served

    unserved = client.get("/api/pincodes", params={"city": "BLR", "served": "false"}).json()
    assert far_pin.pincode in {p["pincode"] for p in unserved}
    assert home.pincode not in {p["pincode"] for p in unserved}


def test_a_nearer_new_store_takes_over_a_pincode(client: TestClient, session: Session) -> None:
    pins = pincodes(session)
    first, second = (
        pins[0],
        next(p for p in pins[1:] if 500 < haversine_m(p.lat, p.lng, pins[0].lat, pins[0].lng) < 2000),
    )
    a = make_store(session, first, radius_m=3000)
    assert second.pincode in client.get(f"/api/stores/{a.code}").json()["pincodes"]
    b = make_store(session, second, radius_m=3000)
    assert second.pincode in client.get(f"/api/stores/{b.code}").json()["pincodes"]
    assert second.pincode not in client.get(f"/api/stores/{a.code}").json()["pincodes"]


def test_store_list_has_the_pinned_fields(client: TestClient, session: Session) -> None:
    make_store(session, pincodes(session, "DEL")[0], code="DEL-T1")
    stores = client.get("/api/stores", params={"city": "DEL"}).json()
    assert [s["code"] for s in stores] == ["DEL-T1"]
    assert {"code", "name", "lat", "lng", "city", "radius_m", "pincodes"} <= set(stores[0])
    assert stores[0]["radius_m"] == 2000


def test_creating_a_store_validates_its_input(client: TestClient, session: Session) -> None:
    pin = pincodes(session)[0]
    body = {"code": "BLR-NEW", "name": "New", "city": "BLR", "lat": pin.lat, "lng": pin.lng}
    assert client.post("/api/stores", json=body).status_code == 201
    duplicate = client.post("/api/stores", json=body)
    assert duplicate.status_code == 409
    assert duplicate.json()["detail"][0]["loc"] == ["body", "code"]
    unknown_city = client.post("/api/stores", json={**body, "code": "X-1", "city": "PAR"})
    assert unknown_city.status_code == 422
    assert unknown_city.json()["detail"][0]["loc"] == ["body", "city"]
    bad_radius = client.post("/api/stores", json={**body, "code": "X-2", "radius_m": 0})
    assert bad_radius.status_code == 422
    assert bad_radius.json()["detail"][0]["loc"] == ["body", "radius_m"]
    assert client.get("/api/stores/NOPE").status_code == 404
