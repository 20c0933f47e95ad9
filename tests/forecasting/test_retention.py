"""Forecast runs are kept one a local day for forecast_keep_days; the latest done run and running ones always
are kept."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from fastcommerce import config
from fastcommerce.cli import app
from fastcommerce.config import Settings
from fastcommerce.forecasting.models import ForecastPoint, ForecastRun
from fastcommerce.forecasting.service import prune_runs
from fastcommerce.inventory.models import StockLevel
from fastcommerce.stores.models import Store
from tests.factories import stocked_store

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
SETTINGS = Settings(forecast_keep_days=7, scheduler_timezone="Asia/Kolkata")


def add_run(session: Session, store: Store, sku_id: int, at: datetime, status: str) -> int:
    """A run created `at` with `status` and one forecast point."""
    run = ForecastRun(created_at=at, status=status, model="auto", horizon_days=1, history_days=7)
    session.add(run)
    session.flush()
    session.add(
        ForecastPoint(
            run_id=run.id,
            store_id=store.id,
            sku_id=sku_id,
            day=at.date(),
            yhat=1.0,
            yhat_lower_80=0.0,
            yhat_upper_80=2.0,
            yhat_lower_95=0.0,
            yhat_upper_95=3.0,
        )
    )
    session.flush()
    return run.id


def remaining(session: Session) -> tuple[list[int], list[int]]:
    """The ids of the runs left, and of the runs that still have points."""
    runs = list(session.scalars(select(ForecastRun.id).order_by(ForecastRun.id)))
    with_points = list(
        session.scalars(select(ForecastPoint.run_id).distinct().order_by(ForecastPoint.run_id))
    )
    return runs, with_points


def sku_of(session: Session, store: Store) -> int:
    sku_id: int = session.scalar(select(func.min(StockLevel.sku_id)).where(StockLevel.store_id == store.id))
    return sku_id


def ist(days_ago: int, hour: int, minute: int = 0) -> datetime:
    day = NOW.astimezone(IST).date() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=IST)


def test_one_done_run_a_local_day_within_the_window_and_the_running_ones_are_kept(session: Session) -> None:
    _, store, _ = stocked_store(session, 1)
    sku = sku_of(session, store)
    running_long = add_run(session, store, sku, ist(30, 2, 30), "running")
    old_done = add_run(session, store, sku, ist(20, 2, 30), "done")
    old_failed = add_run(session, store, sku, ist(20, 3), "failed")
    replaced = add_run(session, store, sku, ist(3, 2, 30), "done")
    same_day_later = add_run(session, store, sku, ist(3, 14), "done")
    cancelled = add_run(session, store, sku, ist(3, 15), "cancelled")
    # 23:30 and 00:30 IST: one UTC day (18:00 and 19:00 UTC), two local days, so both are kept
    late_evening = add_run(session, store, sku, ist(2, 23, 30), "done")
    after_midnight = add_run(session, store, sku, ist(1, 0, 30), "done")
    assert ist(2, 23, 30).astimezone(UTC).date() == ist(1, 0, 30).astimezone(UTC).date()

    assert prune_runs(session, SETTINGS, NOW) == 3
    kept = [running_long, same_day_later, cancelled, late_evening, after_midnight]
    assert remaining(session) == (kept, kept)
    assert {old_done, old_failed, replaced}.isdisjoint(remaining(session)[0])
    assert prune_runs(session, SETTINGS, NOW) == 0  # nothing more to do


def test_the_latest_done_run_is_kept_however_old(session: Session) -> None:
    _, store, _ = stocked_store(session, 1)
    sku = sku_of(session, store)
    add_run(session, store, sku, ist(40, 2, 30), "done")
    latest_done = add_run(session, store, sku, ist(30, 2, 30), "done")
    add_run(session, store, sku, ist(29, 2, 30), "failed")

    assert prune_runs(session, SETTINGS, NOW) == 2
    assert remaining(session) == ([latest_done], [latest_done])


def test_the_cli_prunes_with_the_configured_retention(
    committed: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FC_FORECAST_KEEP_DAYS", "7")
    now = datetime.now(UTC)
    with committed() as session:
        _, store, _ = stocked_store(session, 1)
        sku = sku_of(session, store)
        add_run(session, store, sku, now - timedelta(days=30), "done")
        add_run(session, store, sku, now - timedelta(days=20), "done")
        latest = add_run(session, store, sku, now - timedelta(hours=1), "done")
        session.commit()

    config.get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["forecast", "prune"])
    finally:
        config.get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "forecast prune: 2 runs deleted (kept: 7 days, one a day)" in result.output
    with committed() as session:
        assert remaining(session) == ([latest], [latest])
