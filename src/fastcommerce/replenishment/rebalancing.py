"""Store-to-store transfer suggestions: where a store is expected to miss units before its next delivery
and a neighbour within `transfer_radius_m` holds more of the SKU than it needs (above its max stock and
above twice what it expects to sell before its own next delivery), nearest neighbour first. Executing one is
an ordinary transfer (`POST /api/transfers`)."""

import math
from collections import defaultdict
from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.config import Settings
from fastcommerce.db import utcnow
from fastcommerce.geo.cities import require_city
from fastcommerce.geo.distance import haversine_m
from fastcommerce.replenishment.alerts import city_conditions
from fastcommerce.replenishment.schemas import TransferSuggestion
from fastcommerce.stores.models import Store, StoreKind

SURPLUS_COVER = 2.0  # a donor keeps this many times what it expects to sell before its next delivery


def transfer_suggestions(
    session: Session, settings: Settings, city: str | None = None, now: datetime | None = None
) -> list[TransferSuggestion]:
    now = now or utcnow()
    suggestions: list[TransferSuggestion] = []
    for code in (
        [require_city(settings, city, ("query", "city")).code] if city else list(settings.city_zones())
    ):
        _, stock = city_conditions(session, settings, code, now)
        if not stock.shortfall:
            continue
        stores = {
            s.id: s
            for s in session.scalars(
                select(Store).where(Store.city == code, Store.kind == StoreKind.DARK_STORE)
            )
        }
        keep = np.maximum(stock.max_stock, np.ceil(SURPLUS_COVER * stock.until_wave)).astype(np.int64)
        surplus = stock.on_hand - keep
        donors: dict[int, list[tuple[int, int]]] = defaultdict(list)  # sku_id → [(store_id, surplus)]
        for i in np.flatnonzero((surplus > 0) & (stock.max_stock >= 0)).tolist():
            donors[int(stock.sku_id[i])].append((int(stock.store_id[i]), int(surplus[i])))
        skus = dict(session.execute(select(Sku.id, Sku.sku).where(Sku.id.in_(list(donors)))).all())
        for (store_id, sku_id), missing in sorted(stock.shortfall.items(), key=lambda kv: -kv[1]):
            to = stores[store_id]
            near = sorted(
                (round(haversine_m(to.lat, to.lng, stores[d].lat, stores[d].lng)), d, left)
                for d, left in donors.get(sku_id, [])
                if d != store_id
            )
            need = math.ceil(missing)
            for distance, donor, left in near:
                if distance > settings.transfer_radius_m or need <= 0:
                    break
                qty = min(left, need)
                need -= qty
                donors[sku_id].remove((donor, left))
                if left > qty:
                    donors[sku_id].append((donor, left - qty))
                suggestions.append(
                    TransferSuggestion(
                        sku=skus[sku_id],
                        from_store=stores[donor].code,
                        to_store=to.code,
                        qty=qty,
                        distance_m=distance,
                        reason=f"{to.code} is expected to miss {missing:.1f} before its next delivery; "
                        f"{stores[donor].code} holds {left} more than it needs",
                    )
                )
    return suggestions
