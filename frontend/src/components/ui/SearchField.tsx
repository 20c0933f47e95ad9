import { useEffect, useState } from 'react';
import { TextField } from './TextField';

interface SearchFieldProps {
  label: string;
  placeholder?: string;
  /** The search in effect (e.g. from the URL). */
  value: string;
  /** Called once typing pauses for `delayMs` (or on Enter). */
  onChange: (value: string) => void;
  delayMs?: number;
  className?: string;
}

/** A search box that passes on what is typed once typing pauses, and follows changes of `value` made elsewhere. */
export function SearchField({ label, placeholder, value, onChange, delayMs = 300, className }: SearchFieldProps) {
  const [text, setText] = useState(value);
  // The last value known to both sides: a new `value` from elsewhere replaces what is typed, while the
  // value this box sent (and now gets back) does not undo typing since.
  const [agreed, setAgreed] = useState(value);
  if (value !== agreed) {
    setAgreed(value);
    setText(value);
  }
  useEffect(() => {
    if (text === agreed) return undefined;
    const timer = setTimeout(() => {
      setAgreed(text);
      onChange(text);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, agreed, onChange, delayMs]);

  return (
    <TextField
      type="search"
      label={label}
      placeholder={placeholder}
      className={className}
      value={text}
      onChange={setText}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && text !== agreed) {
          setAgreed(text);
          onChange(text);
        }
      }}
    />
  );
}
