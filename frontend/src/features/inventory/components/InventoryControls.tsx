import type { Store } from '../../../api/stores';
import { CheckField } from '../../../components/ui/CheckField';
import { SearchField } from '../../../components/ui/SearchField';
import { SelectField } from '../../../components/ui/SelectField';
import type { InventoryState } from '../inventoryState';
import { StoreSelect } from '../../../components/ui/StoreSelect';
import '../inventory.css';

interface InventoryControlsProps {
  state: InventoryState;
  stores: readonly Store[];
  storesLoading: boolean;
  categories: readonly string[];
  onStore: (code: string) => void;
  /** A change of which rows are listed. */
  onFilter: (change: Partial<Pick<InventoryState, 'q' | 'category' | 'low' | 'out'>>) => void;
}

/** Which store, and which of its SKUs: search, category, low and out-of-stock only. */
export function InventoryControls({ state, stores, storesLoading, categories, onStore, onFilter }: InventoryControlsProps) {
  const categoryOptions = [
    { value: '', label: 'All categories' },
    // one the URL names but the catalog does not (yet) list stays selectable
    ...(state.category && !categories.includes(state.category) ? [state.category] : []).map((c) => ({ value: c, label: c })),
    ...categories.map((category) => ({ value: category, label: category })),
  ];
  return (
    <div className="inventory-controls" role="group" aria-label="Inventory filters">
      <StoreSelect stores={stores} value={state.store} onChange={(code) => code !== null && onStore(code)} loading={storesLoading} />
      <SearchField
        label="Search SKUs"
        placeholder="SKU code or name"
        className="field--search"
        value={state.q}
        onChange={(q) => onFilter({ q })}
      />
      <SelectField<string>
        label="Category"
        value={state.category}
        options={categoryOptions}
        onChange={(category) => onFilter({ category })}
      />
      <div className="inventory-controls__checks">
        <CheckField label="Low stock only" checked={state.low} onChange={(low) => onFilter({ low })} />
        <CheckField label="Out of stock only" checked={state.out} onChange={(out) => onFilter({ out })} />
      </div>
    </div>
  );
}
