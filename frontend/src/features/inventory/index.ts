export { InventoryControls } from './components/InventoryControls';
export { InventoryTable } from './components/InventoryTable';
export { MovementsPanel, MOVEMENTS_LABEL } from './components/MovementsPanel';
export { Pager } from './components/Pager';
export {
  FIRST_DESCENDING,
  PAGE_SIZE,
  inventoryFilter,
  pageInRange,
  pageOffset,
  pageSpan,
  parseInventory,
  refilter,
  serializeInventory,
  type InventoryColumn,
  type InventoryState,
} from './inventoryState';
