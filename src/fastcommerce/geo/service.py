from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from fastcommerce.config import Settings
from fastcommerce.geo.models import Pincode
from fastcommerce.geo.pincodes import city_pincodes
from fastcommerce.geo.schemas import PincodePublic
from fastcommerce.stores.models import ServiceArea, Store


def load_pincodes(session: Session, settings: Settings) -> dict[str, int]:
    """Upsert the pincodes of every configured city; returns the count per city."""
    counts = {}
    for city in settings.cities:
        records = city_pincodes(city, settings.max_centroid_distance_km, settings.city_hull_buffer_m)
        rows = [
            {
                "pincode": r.pincode,
                "city": r.city,
                "name": r.name,
                "district": r.district,
                "lat": r.lat,
                "lng": r.lng,
                "h3_r7": r.h3[7],
                "h3_r8": r.h3[8],
                "h3_r9": r.h3[9],
                "area": r.area,
            }
            for r in records
        ]
        if rows:
            statement = insert(Pincode).values(rows)
            session.execute(
                statement.on_conflict_do_update(
                    index_elements=[Pincode.pincode],
                    set_={k: statement.excluded[k] for k in rows[0] if k != "pincode"},
                )
            )
        counts[city.code] = len(rows)
    return counts


def list_pincodes(session: Session, city: str | None, served: bool | None) -> list[PincodePublic]:
    query = (
        select(Pincode, Store.code)
        .outerjoin(ServiceArea, ServiceArea.pincode == Pincode.pincode)
        .outerjoin(Store, Store.id == ServiceArea.store_id)
        .order_by(Pincode.pincode)
    )
    if city:
        query = query.where(Pincode.city == city)
    if served is not None:
        query = query.where(Store.code.is_not(None) if served else Store.code.is_(None))
    return [
        PincodePublic(
            pincode=p.pincode,
            name=p.name,
            city=p.city,
            district=p.district,
            lat=p.lat,
            lng=p.lng,
            h3={7: p.h3_r7, 8: p.h3_r8, 9: p.h3_r9},
            store_code=store_code,
        )
        for p, store_code in session.execute(query)
    ]
