import { type ChangeEvent, useId } from 'react';
import './ui.css';

export interface Option<T extends string | number> {
  value: T;
  label: string;
}

interface SelectFieldProps<T extends string | number> {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
}

/** A labelled <select> over typed options. */
export function SelectField<T extends string | number>({ label, value, options, onChange }: SelectFieldProps<T>) {
  const id = useId();
  const handle = (event: ChangeEvent<HTMLSelectElement>) => {
    const chosen = options.find((option) => String(option.value) === event.target.value);
    if (chosen) onChange(chosen.value);
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input" value={String(value)} onChange={handle}>
        {options.map((option) => (
          <option key={option.value} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
