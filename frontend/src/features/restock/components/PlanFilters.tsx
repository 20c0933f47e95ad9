import { PLAN_STATUSES, type PlanStatus } from '../../../api/restockPlans';
import type { Store } from '../../../api/stores';
import { SelectField, type Option } from '../../../components/ui/SelectField';
import { StoreSelect } from '../../../components/ui/StoreSelect';
import { STATUS_LABEL } from '../plans';

const STATUS_OPTIONS: Option<PlanStatus | ''>[] = [
  { value: '', label: 'All statuses' },
  ...PLAN_STATUSES.map((status) => ({ value: status, label: STATUS_LABEL[status] })),
];

interface PlanFiltersProps {
  stores: readonly Store[];
  storesLoading: boolean;
  status: PlanStatus | null;
  store: string | null;
  onStatus: (status: PlanStatus | null) => void;
  onStore: (store: string | null) => void;
  onClear: () => void;
}

/** Which plans the list shows: a status, a store. */
export function PlanFilters({ stores, storesLoading, status, store, onStatus, onStore, onClear }: PlanFiltersProps) {
  return (
    <div className="filters" role="search" aria-label="Filter the plans">
      <SelectField<PlanStatus | ''>
        label="Status"
        value={status ?? ''}
        options={STATUS_OPTIONS}
        onChange={(value) => onStatus(value || null)}
      />
      <StoreSelect stores={stores} value={store} onChange={onStore} loading={storesLoading} allLabel="All stores" />
      {(status !== null || store !== null) && (
        <button type="button" className="button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
