from pydantic import BaseModel, computed_field


class CityHistory(BaseModel):
    city: str
    hours_done: int
    hours_total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def done(self) -> bool:
        return self.hours_done >= self.hours_total


class HistoryProgress(BaseModel):
    """Simulated history in place: what the demo loads in the background while it already serves."""

    days: int
    cities: list[CityHistory]
