from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.config import get_settings
from fastcommerce.simulation.flows import city_simulation, simulate_history
from fastcommerce.simulation.service import history_progress
from tests.factories import make_sku, make_store, pincodes

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)  # 16:00 in Bengaluru


def test_history_progress_counts_the_hours_placed(committed: sessionmaker[Session]) -> None:
    settings = get_settings().model_copy(update={"demo_history_days": 1})
    with committed() as session:
        make_store(session, pincodes(session)[0])
        make_sku(session)
        session.commit()
        sim = city_simulation(session, settings, "BLR", seed=3, orders_per_day=200)
        before = history_progress(session, settings, NOW)
    # yesterday's 24 local hours and today's 16 whole ones
    blr = before.cities[0]
    assert (blr.city, blr.hours_done, blr.hours_total, blr.done) == ("BLR", 0, 40, False)
    started = datetime.now(UTC)
    simulate_history(committed, get_settings(), sim, days=1, now=NOW - timedelta(hours=6))
    with committed() as session:
        after = {c.city: c for c in history_progress(session, settings, NOW).cities}
    assert (after["BLR"].hours_done, after["BLR"].done) == (34, False)
    assert after["DEL"].hours_done == 0
    with committed() as session:  # the planner knows of the new lines at once
        analyzed = session.scalar(
            text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'order_line'")
        )
    assert analyzed is not None and analyzed > started
    simulate_history(committed, get_settings(), sim, days=1, now=NOW)
    with committed() as session:
        assert history_progress(session, settings, NOW).cities[0].done


def test_history_progress_is_served(client: TestClient) -> None:
    body = client.get("/api/simulation/history").json()
    assert body["days"] == get_settings().demo_history_days
    assert [c["city"] for c in body["cities"]] == ["BLR", "DEL", "BOM"]
    assert all(c["hours_total"] > 24 * body["days"] - 1 for c in body["cities"])
