"""What the ordering engine tells the layers above it, in the writing transaction: the lines it placed and
the stock they took. The demand rollups and the live stream register listeners here (`fastcommerce.wiring`);
the engine imports neither.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class LinePlaced:
    """An order line as placed: requested units are demand, `lost` the part no stock could fill."""

    order_key: int
    created_at: datetime
    city: str
    pincode: int
    store_id: int | None
    sku_id: int
    requested: int
    lost: int
    revenue_paise: int


class DemandSum:
    """What a group of placed lines adds to demand: units, distinct orders, lost units, revenue."""

    __slots__ = ("lost", "orders", "revenue", "units")

    def __init__(self) -> None:
        self.units = self.lost = self.revenue = 0
        self.orders: set[int] = set()

    def add(self, line: LinePlaced) -> None:
        self.units += line.requested
        self.lost += line.lost
        self.revenue += line.revenue_paise
        self.orders.add(line.order_key)

    def row(self) -> tuple[int, int, int, int]:
        """(units, orders, lost_units, revenue_paise)"""
        return self.units, len(self.orders), self.lost, self.revenue


@dataclass(frozen=True)
class StockTaken:
    """A stock level the placed orders changed, with its reorder point (for alerts)."""

    store_code: str
    sku: str
    before: int
    after: int
    reorder_point: int | None


@dataclass(frozen=True)
class OrdersPlaced:
    lines: Sequence[LinePlaced]
    stock: Sequence[StockTaken]


OrdersPlacedListener = Callable[[Session, OrdersPlaced], None]
_listeners: dict[str, OrdersPlacedListener] = {}


class NoListeners(RuntimeError):
    """Orders placed with nobody to keep their demand: a process that places orders must wire it first."""


def on_orders_placed(name: str, listener: OrdersPlacedListener) -> None:
    """Register (or replace) the listener called `name`; listeners run in the order first registered."""
    _listeners[name] = listener


def announce(session: Session, event: OrdersPlaced) -> None:
    if not _listeners:
        raise NoListeners(
            "no listener of placed orders is registered (the demand rollups would miss these orders): "
            "call fastcommerce.wiring.connect() when the process starts"
        )
    for listener in _listeners.values():
        listener(session, event)
