"""How far simulated history has been placed (the demo loads it in the background while it serves)."""

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.simulation.flows import history_start
from fastcommerce.simulation.models import SimulatedHour
from fastcommerce.simulation.schemas import CityHistory, HistoryProgress


def history_progress(session: Session, settings: Settings, now: datetime | None = None) -> HistoryProgress:
    """Per city, the whole hours of the demo's history (FC_DEMO_HISTORY_DAYS up to now) already simulated."""
    end = now or utcnow()
    cities = []
    for code, zone in settings.city_zones().items():
        start = history_start(zone, settings.demo_history_days, end)
        total = int((end - start) // timedelta(hours=1))
        done = session.scalar(
            select(func.count()).where(
                SimulatedHour.city == code, SimulatedHour.hour_at >= start, SimulatedHour.hour_at < end
            )
        )
        cities.append(CityHistory(city=code, hours_done=min(int(done or 0), total), hours_total=total))
    return HistoryProgress(days=settings.demo_history_days, cities=cities)
