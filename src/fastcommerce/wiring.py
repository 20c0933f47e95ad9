"""Connects the layers: what the ordering engine announces goes to the demand rollups, the live stream and the
metrics.

The ordering engine sits below both and imports neither; every process that places orders (the API, the
command line, the tests and benchmarks) calls `connect()` first, and the engine refuses to place orders
before it has.
"""

from fastcommerce.config import get_settings
from fastcommerce.demand.rollups import rollup_listener
from fastcommerce.live.events import notify_placed
from fastcommerce.observability import count_placed
from fastcommerce.orders.events import on_orders_placed


def connect() -> None:
    """Register the listeners of placed orders (again, harmlessly, if they are registered already)."""
    on_orders_placed("demand rollups", rollup_listener(get_settings().city_zones()))
    on_orders_placed("live stream", notify_placed)
    on_orders_placed("metrics", count_placed)
