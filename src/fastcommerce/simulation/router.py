from fastapi import APIRouter

from fastcommerce.auth.dependencies import READS
from fastcommerce.config import SettingsDep
from fastcommerce.db import SessionDep
from fastcommerce.simulation import service
from fastcommerce.simulation.schemas import HistoryProgress

router = APIRouter(prefix="/api/simulation", tags=["simulation"])


@router.get("/history", dependencies=[READS], response_model=HistoryProgress)
def history(session: SessionDep, settings: SettingsDep) -> HistoryProgress:
    """How many whole hours of the demo's simulated history (FC_DEMO_HISTORY_DAYS) each city has so far."""
    return service.history_progress(session, settings)
