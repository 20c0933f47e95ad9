import { useMemo } from 'react';
import { useInventoryHealth } from '../../api/inventoryHealth';
import { useStores } from '../../api/stores';
import { SelectField } from '../../components/ui/SelectField';
import { TextField } from '../../components/ui/TextField';
import { toggleSort } from '../../lib/sort';
import { CITIES, CITY_CODES, type City } from '../../lib/view';
import {
  FIRST_DESCENDING,
  parseStoreList,
  serializeStoreList,
  storeRows,
  StoreTable,
  visibleStores,
  type StoreColumn,
} from '../../features/storeList';
import { PageShell } from '../PageShell';
import { useSearchState } from '../useSearchState';

const CITY_OPTIONS = CITY_CODES.map((code) => ({ value: code, label: `${CITIES[code].name} (${code})` }));

/** Every store of a city with its stock health: from GET /api/stores?city= and GET /api/inventory/health?city=. */
export default function StoresPage() {
  const [state, update] = useSearchState(parseStoreList, serializeStoreList);
  const { city, q, sort } = state;
  const stores = useStores(city);
  const health = useInventoryHealth(city);
  const all = useMemo(() => storeRows(stores.data ?? [], health.data), [stores.data, health.data]);
  const rows = useMemo(() => visibleStores(all, q, sort), [all, q, sort]);

  const cityName = CITIES[city].name;
  const shown = q.trim() ? `${rows.length} of ${all.length}` : String(all.length);
  const caption = stores.data
    ? `${shown} stores in ${cityName}${health.isPending ? ' (loading stock health…)' : ''}`
    : `Stores in ${cityName}`;

  return (
    <PageShell
      title="Stores"
      errors={[stores.error, health.error]}
      actions={
        <div className="store-filters">
          <SelectField<City>
            label="City"
            value={city}
            options={CITY_OPTIONS}
            onChange={(next) => update((s) => ({ ...s, city: next }))}
          />
          <TextField
            type="search"
            label="Search stores"
            placeholder="Code or name"
            className="field--search"
            value={q}
            onChange={(next) => update((s) => ({ ...s, q: next }))}
          />
        </div>
      }
    >
      <StoreTable
        caption={caption}
        rows={rows}
        sort={sort}
        onSort={(column: StoreColumn) =>
          update((s) => ({ ...s, sort: toggleSort(s.sort, column, FIRST_DESCENDING[column]) }))
        }
        loading={stores.isPending}
        error={stores.error}
        empty={q.trim() ? `No store in ${cityName} matches “${q.trim()}”.` : `${cityName} has no stores yet.`}
      />
    </PageShell>
  );
}
