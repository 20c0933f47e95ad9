import { useId } from 'react';
import type { Store } from '../../api/stores';
import { CITIES, CITY_CODES } from '../../lib/view';
import './ui.css';

interface StoreSelectProps {
  stores: readonly Store[];
  value: string | null;
  onChange: (code: string | null) => void;
  loading?: boolean;
  /** The label of a first choice meaning "no store chosen" (all stores); without it a store must be chosen. */
  allLabel?: string;
}

const cityName = (city: string): string => (city in CITIES ? CITIES[city as keyof typeof CITIES].name : city);
const cityRank = (city: string): number => CITY_CODES.indexOf(city as never) + 1 || CITY_CODES.length + 1;

/** A labelled store picker, grouped by city (the configured cities first, in their order), codes in order. */
export function StoreSelect({ stores, value, onChange, loading = false, allLabel }: StoreSelectProps) {
  const id = useId();
  const cities = [...new Set(stores.map((store) => store.city))].sort(
    (a, b) => cityRank(a) - cityRank(b) || a.localeCompare(b),
  );
  const unknown = value !== null && !stores.some((store) => store.code === value);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Store
      </label>
      <select
        id={id}
        className="field__input"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        disabled={loading && stores.length === 0}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {allLabel === undefined && value === null && <option value="">Choose a store</option>}
        {unknown && <option value={value}>{loading ? 'Loading stores…' : value}</option>}
        {cities.map((city) => (
          <optgroup key={city} label={`${cityName(city)} (${city})`}>
            {stores
              .filter((store) => store.city === city)
              .sort((a, b) => a.code.localeCompare(b.code))
              .map((store) => (
                <option key={store.code} value={store.code}>
                  {store.code} · {store.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
