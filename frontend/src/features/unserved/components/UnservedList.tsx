import type { HeatmapFeature } from '../../../api/heatmap';
import { formatInt } from '../../../lib/format';
import type { UnservedPlace } from '../unserved';
import { UNSERVED_COLOUR } from './UnservedLayer';

const SHOWN = 5;

interface UnservedListProps {
  places: readonly UnservedPlace[];
  onSelect: (feature: HeatmapFeature) => void;
}

/** The places with the most demand no store serves (where to open the next store), each opening its panel. */
export function UnservedList({ places, onSelect }: UnservedListProps) {
  const total = places.reduce((sum, place) => sum + place.units, 0);
  return (
    <section className="legend unserved" aria-label="Unserved demand">
      <h2 className="legend__title">
        <span className="unserved__swatch" style={{ borderColor: UNSERVED_COLOUR }} aria-hidden="true" />
        Unserved demand
      </h2>
      {places.length === 0 ? (
        <p className="unserved__empty">Every order in this window came from a served pincode.</p>
      ) : (
        <>
          <p className="unserved__total">
            {formatInt(total)} units from {formatInt(places.length)} places no store reaches. Most first:
          </p>
          <ol className="unserved__list">
            {places.slice(0, SHOWN).map((place) => (
              <li key={place.feature.id}>
                <button type="button" className="unserved__place" onClick={() => onSelect(place.feature)}>
                  <span className="unserved__label">{place.label}</span>
                  <span className="unserved__units">{formatInt(place.units)}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
