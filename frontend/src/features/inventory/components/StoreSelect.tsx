import { useId } from 'react';
import type { Store } from '../../../api/stores';
import { CITIES, CITY_CODES } from '../../../lib/view';

interface StoreSelectProps {
  stores: readonly Store[];
  value: string | null;
  onChange: (code: string) => void;
  loading: boolean;
}

const cityName = (city: string): string => (city in CITIES ? CITIES[city as keyof typeof CITIES].name : city);

/** The stores to choose from, grouped by city (the configured cities first, in their order). */
export function StoreSelect({ stores, value, onChange, loading }: StoreSelectProps) {
  const id = useId();
  const cities = [...new Set(stores.map((store) => store.city))].sort(
    (a, b) => (CITY_CODES.indexOf(a as never) + 1 || 99) - (CITY_CODES.indexOf(b as never) + 1 || 99) || a.localeCompare(b),
  );
  const known = stores.some((store) => store.code === value);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Store
      </label>
      <select
        id={id}
        className="field__input"
        value={known ? (value ?? '') : ''}
        onChange={(event) => onChange(event.target.value)}
        disabled={loading && stores.length === 0}
      >
        {!known && <option value="">{loading ? 'Loading stores…' : (value ?? 'Choose a store')}</option>}
        {cities.map((city) => (
          <optgroup key={city} label={`${cityName(city)} (${city})`}>
            {stores
              .filter((store) => store.city === city)
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
