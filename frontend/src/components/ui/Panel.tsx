import { useEffect, useRef, type ReactNode } from 'react';
import './ui.css';

interface PanelProps {
  /** The panel's accessible name (stable, e.g. "Pincode details"). */
  label: string;
  title: ReactNode;
  subtitle?: ReactNode;
  busy?: boolean;
  onClose: () => void;
  children: ReactNode;
}

/** A side panel (a bottom sheet on phones) that closes with its button or Escape. */
export function Panel({ label, title, subtitle, busy = false, onClose, children }: PanelProps) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="panel" role="dialog" aria-modal="false" aria-label={label} aria-busy={busy}>
      <header className="panel__header">
        <div>
          <h2 className="panel__title">{title}</h2>
          {subtitle && <p className="panel__subtitle">{subtitle}</p>}
        </div>
        <button ref={close} type="button" className="panel__close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <div className="panel__body">{children}</div>
    </aside>
  );
}
