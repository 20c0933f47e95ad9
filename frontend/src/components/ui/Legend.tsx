import type { CSSProperties, ReactNode } from 'react';
import './ui.css';

export interface LegendItem {
  key: string;
  label: ReactNode;
  /** How the swatch looks: a fill colour, or a class for outlines and dots. */
  swatch: { style?: CSSProperties; className?: string };
  /** More about the item (shown under its label). */
  detail?: string;
}

/** A titled list of swatches, overlaid on the map. */
export function Legend({ label, title, items }: { label: string; title: string; items: readonly LegendItem[] }) {
  return (
    <section className="legend" aria-label={label}>
      <h2 className="legend__title">{title}</h2>
      <ul className="legend__items">
        {items.map(({ key, label: text, swatch, detail }) => (
          <li key={key} className="legend__item">
            <span
              className={swatch.className ? `legend__swatch ${swatch.className}` : 'legend__swatch'}
              style={swatch.style}
              aria-hidden="true"
            />
            <span>
              {text}
              {detail && <small className="legend__detail">{detail}</small>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
