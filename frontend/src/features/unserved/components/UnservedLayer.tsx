import { CircleMarker } from 'react-leaflet';
import { radiusFor, type UnservedPlace } from '../unserved';

export const UNSERVED_COLOUR = '#7c3aed';

/** A circle per place with unserved units, its area growing with them; not interactive (the area beneath
 * answers clicks and shows the exact numbers). */
export function UnservedLayer({ places }: { places: readonly UnservedPlace[] }) {
  const most = places[0]?.units ?? 0;
  return places.map((place) => (
    <CircleMarker
      key={place.feature.id}
      center={place.centre}
      radius={radiusFor(place.units, most)}
      interactive={false}
      className="unserved-marker"
      pathOptions={{ color: UNSERVED_COLOUR, weight: 1.5, fillColor: UNSERVED_COLOUR, fillOpacity: 0.35 }}
    />
  ));
}
