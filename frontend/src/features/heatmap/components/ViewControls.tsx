import { SelectField, type Option } from '../../../components/ui/SelectField';
import {
  CITIES,
  CITY_CODES,
  METRICS,
  RESOLUTIONS,
  type City,
  type Level,
  type Metric,
  type Resolution,
  type ViewState,
  type Window,
} from '../../../lib/view';
import { METRIC_INFO } from '../metrics';

const CITY_OPTIONS: Option<City>[] = CITY_CODES.map((code) => ({ value: code, label: CITIES[code].name }));
const METRIC_OPTIONS: Option<Metric>[] = METRICS.map((metric) => ({
  value: metric,
  label: METRIC_INFO[metric].option ?? METRIC_INFO[metric].label,
}));
const WINDOW_OPTIONS: Option<Window>[] = [
  { value: '15m', label: 'Last 15 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
];
const LEVEL_OPTIONS: Option<Level>[] = [
  { value: 'pincode', label: 'Pincode areas' },
  { value: 'h3', label: 'H3 cells' },
];
const RESOLUTION_OPTIONS: Option<Resolution>[] = RESOLUTIONS.map((res) => ({
  value: res,
  label: `${res} (${{ 7: 'coarse', 8: 'medium', 9: 'fine' }[res]})`,
}));

export type ViewChange = Partial<Omit<ViewState, 'camera' | 'time'>>;

interface ViewControlsProps {
  view: ViewState;
  onChange: (change: ViewChange) => void;
}

/** City, metric, window, level and H3 resolution pickers. */
export function ViewControls({ view, onChange }: ViewControlsProps) {
  return (
    <>
      <SelectField label="City" value={view.city} options={CITY_OPTIONS} onChange={(city) => onChange({ city })} />
      <SelectField
        label="Metric"
        value={view.metric}
        options={METRIC_OPTIONS}
        onChange={(metric) => onChange({ metric })}
      />
      <SelectField
        label="Window"
        value={view.window}
        options={WINDOW_OPTIONS}
        onChange={(window) => onChange({ window })}
      />
      <SelectField label="Level" value={view.level} options={LEVEL_OPTIONS} onChange={(level) => onChange({ level })} />
      {view.level === 'h3' && (
        <SelectField
          label="Resolution"
          value={view.res}
          options={RESOLUTION_OPTIONS}
          onChange={(res) => onChange({ res })}
        />
      )}
    </>
  );
}
