import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { categoriesOf, useSkus } from '../../api/skus';
import { storeInventoryCsvUrl } from '../../api/storeInventoryCsv';
import { storeInventoryQueryOptions } from '../../api/storeInventory';
import { useStores } from '../../api/stores';
import {
  FIRST_DESCENDING,
  InventoryControls,
  InventoryTable,
  MovementsPanel,
  PAGE_SIZE,
  Pager,
  inventoryFilter,
  pageInRange,
  pageOffset,
  pageSpan,
  parseInventory,
  refilter,
  serializeInventory,
  type InventoryColumn,
} from '../../features/inventory';
import { toggleSort } from '../../lib/sort';
import { PageShell } from '../PageShell';
import { useSearchState } from '../useSearchState';

/** A store's stock per SKU, searched, filtered, sorted and paged by the API (GET /api/stores/{code}/inventory),
 * with its CSV export and each SKU's movements (GET /api/stores/{code}/movements?sku=). */
export default function InventoryPage() {
  const [state, update] = useSearchState(parseInventory, serializeInventory);
  const stores = useStores();
  const skus = useSkus();
  const categories = useMemo(() => categoriesOf(skus.data ?? []), [skus.data]);

  // No store in the URL: the first one (the stores come sorted by code).
  const firstStore = stores.data?.[0]?.code;
  useEffect(() => {
    if (state.store === null && firstStore) update((s) => ({ ...s, store: s.store ?? firstStore }));
  }, [state.store, firstStore, update]);

  const store = state.store;
  const filter = store ? inventoryFilter(state, store) : null;
  const inventory = useQuery({
    ...storeInventoryQueryOptions({ ...(filter ?? { code: '', belowReorderPoint: false }), limit: PAGE_SIZE, offset: pageOffset(state.page) }),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
  });
  const page = inventory.data;
  const span = page && !inventory.isPlaceholderData ? pageSpan(state.page, page.items.length, page.total) : null;

  // A page past the end (the rows changed, or an old link): the last one.
  const total = inventory.isPlaceholderData ? undefined : page?.total;
  useEffect(() => {
    const last = total === undefined ? null : pageInRange(state.page, total);
    if (last !== null) update((s) => ({ ...s, page: last }));
  }, [total, state.page, update]);

  const set = update;
  const close = useCallback(() => {
    const sku = state.sku;
    set((s) => ({ ...s, sku: null }));
    // Back to the row the panel was opened from.
    if (sku) document.querySelector<HTMLButtonElement>(`tr[data-sku="${CSS.escape(sku)}"] .row-button`)?.focus();
  }, [set, state.sku]);

  const storeName = stores.data?.find((s) => s.code === store)?.name;
  const filtered = Boolean(state.q.trim() || state.category || state.low || state.out);
  const caption = store ? `SKUs at ${store}${storeName ? ` · ${storeName}` : ''}` : 'SKUs';
  const named = (rows: readonly { sku: string; name: string }[] | undefined) =>
    rows?.find((row) => row.sku === state.sku)?.name;
  const openName = named(page?.items) ?? named(skus.data);

  return (
    <PageShell
      title="Inventory"
      errors={[stores.error, skus.error, inventory.error]}
      actions={
        filter ? (
          <a className="button" href={storeInventoryCsvUrl(filter)} download={`${filter.code}-inventory.csv`}>
            Export CSV
          </a>
        ) : null
      }
    >
      <div className={state.sku && store ? 'inventory inventory--panel-open' : 'inventory'}>
        <InventoryControls
          state={state}
          stores={stores.data ?? []}
          storesLoading={stores.isPending}
          categories={categories}
          onStore={(code) => set((s) => ({ ...refilter(s, { store: code }), sku: null }))}
          onFilter={(change) => set((s) => refilter(s, change))}
        />
        <Pager
          span={span}
          busy={inventory.isFetching}
          onPage={(delta) => set((s) => ({ ...s, page: Math.max(1, s.page + delta) }))}
        />
        <InventoryTable
          caption={caption}
          rows={store ? page?.items : undefined}
          sort={state.sort}
          onSort={(column: InventoryColumn) =>
            set((s) => refilter(s, { sort: toggleSort(s.sort, column, FIRST_DESCENDING[column]) }))
          }
          selected={state.sku}
          onOpen={(sku) => set((s) => ({ ...s, sku }))}
          loading={inventory.isFetching}
          error={inventory.error ?? (stores.data?.length === 0 ? new Error('there are no stores yet') : null)}
          empty={filtered ? 'No SKU matches these filters.' : `${store ?? 'This store'} keeps no SKUs yet.`}
        />
      </div>
      {store && state.sku && <MovementsPanel store={store} sku={state.sku} name={openName} onClose={close} />}
    </PageShell>
  );
}
