import type { ReactNode } from 'react';
import './ui.css';

/** A message across the top of the page: an alert for errors. */
export function Banner({ tone, children }: { tone: 'error' | 'info'; children: ReactNode }) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
