from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from fastcommerce.config import Settings
from fastcommerce.geo.models import Pincode
from fastcommerce.geo.pincodes import city_pincodes


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
