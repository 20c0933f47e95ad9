import { useId, useState } from 'react';
import { categoriesOf, useSkus, type Sku } from '../../../api/skus';
import { SelectField, type Option } from '../../../components/ui/SelectField';
import type { ViewState } from '../../../lib/view';
import type { ViewChange } from './ViewControls';

const ALL = '';

interface FilterControlsProps {
  view: Pick<ViewState, 'sku' | 'category'>;
  onChange: (change: ViewChange) => void;
}

/** The SKU a typed text names: its code (any case), or "CODE · name" as the suggestions show it. */
export function skuNamed(text: string, skus: readonly Sku[]): Sku | undefined {
  const code = text.split(' · ')[0]?.trim().toUpperCase() ?? '';
  return skus.find((sku) => sku.sku.toUpperCase() === code);
}

/** Category and SKU filters of the demand map; a SKU outside the chosen category is cleared. */
export function FilterControls({ view, onChange }: FilterControlsProps) {
  const skus = useSkus();
  const catalog = skus.data ?? [];
  const categories: Option<string>[] = [
    { value: ALL, label: 'All categories' },
    ...categoriesOf(catalog).map((category) => ({ value: category, label: category })),
  ];
  if (view.category !== null && !categories.some((option) => option.value === view.category)) {
    categories.push({ value: view.category, label: view.category }); // from the URL, before the catalog loads
  }
  const suggestions = catalog.filter((sku) => view.category === null || sku.category === view.category);

  const chooseCategory = (value: string) => {
    const category = value === ALL ? null : value;
    const chosen = catalog.find((sku) => sku.sku === view.sku);
    const keepSku = category === null || chosen === undefined || chosen.category === category;
    onChange({ category, ...(keepSku ? {} : { sku: null }) });
  };

  return (
    <>
      <SelectField label="Category" value={view.category ?? ALL} options={categories} onChange={chooseCategory} />
      <SkuField
        key={view.sku ?? ''}
        sku={view.sku}
        suggestions={suggestions}
        onChange={(sku) => onChange({ sku })}
      />
    </>
  );
}

interface SkuFieldProps {
  sku: string | null;
  suggestions: readonly Sku[];
  onChange: (sku: string | null) => void;
}

/** A text field with the catalog as suggestions: a known code (or a picked suggestion) filters, empty clears. */
function SkuField({ sku, suggestions, onChange }: SkuFieldProps) {
  const id = useId();
  const [text, setText] = useState(sku ?? '');
  const commit = (value: string) => {
    setText(value);
    if (value.trim() === '') {
      if (sku !== null) onChange(null);
      return;
    }
    const found = skuNamed(value, suggestions);
    if (found && found.sku !== sku) onChange(found.sku);
  };
  const invalid = text.trim() !== '' && skuNamed(text, suggestions) === undefined;
  return (
    <div className="field field--sku">
      <label className="field__label" htmlFor={id}>
        SKU
      </label>
      <input
        id={id}
        className="field__input"
        type="search"
        list={`${id}-options`}
        placeholder="All SKUs"
        value={text}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-hint` : undefined}
        onChange={(event) => commit(event.target.value)}
      />
      <datalist id={`${id}-options`}>
        {suggestions.map((option) => (
          <option key={option.sku} value={`${option.sku} · ${option.name}`} />
        ))}
      </datalist>
      {invalid && (
        <span id={`${id}-hint`} className="field__hint">
          Pick a SKU from the list
        </span>
      )}
    </div>
  );
}
