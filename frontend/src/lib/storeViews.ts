import type { StockHealth } from '../api/inventoryHealth';
import type { Store } from '../api/stores';
import { stockStatus, type StockStatus } from './stockHealth';
import { cityTimeZone } from './view';

export interface StoreView {
  store: Store;
  health: StockHealth | undefined;
  status: StockStatus;
}

/** Each store with its stock health (joined by store code) and status. */
export function storeViews(stores: readonly Store[], health: readonly StockHealth[] | undefined): StoreView[] {
  const byCode = new Map(health?.map((h) => [h.store_code, h]));
  return stores.map((store) => {
    const h = byCode.get(store.code);
    return { store, health: h, status: stockStatus(h) };
  });
}

/** The local time zone of a store, by its code (its city's; India's while the stores are not known). */
export function storeTimeZones(stores: readonly Store[] | undefined): (code: string) => string {
  const zones = new Map(stores?.map((store) => [store.code, cityTimeZone(store.city)]));
  return (code) => zones.get(code) ?? cityTimeZone(undefined);
}
