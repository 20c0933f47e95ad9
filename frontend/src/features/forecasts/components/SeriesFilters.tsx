import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { Store } from '../../../api/stores';
import { StoreSelect } from '../../../components/ui/StoreSelect';

const SEARCH_DELAY_MS = 300;

interface ChoiceProps<T> {
  value: string | null;
  onChange: (value: string | null) => void;
  choices: readonly T[];
}

function ModelSelect({ choices: models, value, onChange }: ChoiceProps<string>) {
  const id = useId();
  const choices = value && !models.includes(value) ? [...models, value] : models;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Model
      </label>
      <select id={id} className="field__input" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All models</option>
        {choices.map((model) => (
          <option key={model} value={model}>
            {model}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The SKU search: typed text goes to the URL (and the API) once typing pauses, or at once on Enter. */
function SearchField({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // The URL changed from elsewhere (cleared filters, back to a link): show what it holds.
    setShown(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') onChange(text.trim());
  };
  return (
    <div className="field series-filters__search">
      <label className="field__label" htmlFor={id}>
        Search SKU
      </label>
      <input
        id={id}
        className="field__input"
        type="search"
        value={text}
        maxLength={64}
        placeholder="Code or name, e.g. milk"
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

interface SeriesFiltersProps {
  stores: readonly Store[];
  models: readonly string[];
  store: string | null;
  q: string;
  model: string | null;
  onStore: (store: string | null) => void;
  onSearch: (q: string) => void;
  onModel: (model: string | null) => void;
  onClear: () => void;
}

/** Which series the table lists: a store, text in the SKU, a model. */
export function SeriesFilters(props: SeriesFiltersProps) {
  const { stores, models, store, q, model, onStore, onSearch, onModel, onClear } = props;
  const filtered = store !== null || q !== '' || model !== null;
  return (
    <div className="series-filters" role="search" aria-label="Filter the series">
      <StoreSelect stores={stores} value={store} onChange={onStore} allLabel="All stores" />
      <SearchField value={q} onChange={onSearch} />
      <ModelSelect choices={models} value={model} onChange={onModel} />
      {filtered && (
        <button type="button" className="button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
