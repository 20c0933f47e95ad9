"""Delivery waves: the local times at which a hub delivers to its dark stores, each with a cut-off before it
(when its plan closes and the hub dispatches). The wave being planned at a moment is the first whose cut-off
is still ahead; the review period runs from it to the wave after."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class WaveWindow:
    """The wave a plan made `now` is for, its cut-off, and the wave after it (the end of the protection
    interval: the stock delivered now must last until then)."""

    now: datetime
    cutoff: datetime
    wave: datetime
    next_wave: datetime


def waves_after(start: datetime, times: list[time], zone: ZoneInfo) -> list[datetime]:
    """Every wave from `start`'s local day on, for three days after it, in order."""
    day = start.astimezone(zone).date()
    return sorted(datetime.combine(day + timedelta(days=d), t, tzinfo=zone) for d in range(4) for t in times)


def wave_window(now: datetime, times: list[time], zone: ZoneInfo, cutoff: timedelta) -> WaveWindow:
    """The wave whose cut-off is the first still ahead of `now` (or exactly now)."""
    waves = [w for w in waves_after(now - cutoff, times, zone) if w - cutoff >= now]
    return WaveWindow(now=now, cutoff=waves[0] - cutoff, wave=waves[0], next_wave=waves[1])


def wave_at(moment: datetime, times: list[time], zone: ZoneInfo, cutoff: timedelta) -> WaveWindow:
    """The window of the wave delivered at `moment` (which must be a wave time), seen from its cut-off."""
    return wave_window(moment - cutoff, times, zone, cutoff)
