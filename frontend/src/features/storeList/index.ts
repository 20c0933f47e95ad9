export { StoreTable } from './components/StoreTable';
export {
  parseStoreList,
  serializeStoreList,
  storeRows,
  visibleStores,
  FIRST_DESCENDING,
  type StoreColumn,
  type StoreListState,
} from './storeList';
