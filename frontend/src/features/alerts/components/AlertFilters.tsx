import { ALERT_KINDS, ALERT_STATUSES, type AlertKind, type AlertStatus } from '../../../api/alerts';
import type { Store } from '../../../api/stores';
import { SelectField, type Option } from '../../../components/ui/SelectField';
import { StoreSelect } from '../../../components/ui/StoreSelect';
import { DEFAULT_ALERTS_VIEW, KIND_LABEL, STATUS_LABEL } from '../alertsView';

const STATUS_OPTIONS: Option<AlertStatus | ''>[] = [
  ...ALERT_STATUSES.map((status) => ({ value: status, label: STATUS_LABEL[status] })),
  { value: '', label: 'All statuses' },
];
const KIND_OPTIONS: Option<AlertKind | ''>[] = [
  { value: '', label: 'All kinds' },
  ...ALERT_KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[kind] })),
];

interface AlertFiltersProps {
  stores: readonly Store[];
  storesLoading: boolean;
  status: AlertStatus | null;
  kind: AlertKind | null;
  store: string | null;
  onStatus: (status: AlertStatus | null) => void;
  onKind: (kind: AlertKind | null) => void;
  onStore: (store: string | null) => void;
  onClear: () => void;
}

/** Which alerts the list shows: a status (open ones by default), a kind, a store. */
export function AlertFilters(props: AlertFiltersProps) {
  const { stores, storesLoading, status, kind, store, onStatus, onKind, onStore, onClear } = props;
  const filtered = status !== DEFAULT_ALERTS_VIEW.status || kind !== null || store !== null;
  return (
    <div className="alert-filters" role="search" aria-label="Filter the alerts">
      <SelectField<AlertStatus | ''>
        label="Status"
        value={status ?? ''}
        options={STATUS_OPTIONS}
        onChange={(value) => onStatus(value || null)}
      />
      <SelectField<AlertKind | ''>
        label="Kind"
        value={kind ?? ''}
        options={KIND_OPTIONS}
        onChange={(value) => onKind(value || null)}
      />
      <StoreSelect stores={stores} value={store} onChange={onStore} loading={storesLoading} allLabel="All stores" />
      {filtered && (
        <button type="button" className="button" onClick={onClear}>
          Reset filters
        </button>
      )}
    </div>
  );
}
