// GET /api/stores/{code}/inventory.csv: every row the inventory list's filters and sort select, as a CSV
// download. A link, not a query: the browser downloads it.
import { apiUrl } from './client';
import { inventoryQuery, type InventoryFilter } from './storeInventory';

export const storeInventoryCsvUrl = (filter: InventoryFilter): string =>
  apiUrl('/api/stores/{code}/inventory.csv', { path: { code: filter.code }, query: inventoryQuery(filter) });
