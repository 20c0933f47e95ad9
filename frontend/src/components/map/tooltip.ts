import type { TooltipOptions } from 'leaflet';

export interface TooltipSpec {
  title: string;
  rows: [label: string, value: string][];
  notes?: { text: string; warn?: boolean }[];
}

export const TOOLTIP_OPTIONS: TooltipOptions = { className: 'map-tooltip', direction: 'top', opacity: 1 };

/** The content of a map tooltip: a title, label/value rows and notes (built as DOM: names are not HTML). */
export function tooltipElement({ title, rows, notes = [] }: TooltipSpec): HTMLElement {
  const root = document.createElement('div');
  const heading = root.appendChild(document.createElement('strong'));
  heading.className = 'map-tooltip__title';
  heading.textContent = title;
  const list = root.appendChild(document.createElement('dl'));
  list.className = 'map-tooltip__rows';
  for (const [label, value] of rows) {
    list.appendChild(document.createElement('dt')).textContent = label;
    list.appendChild(document.createElement('dd')).textContent = value;
  }
  for (const note of notes) {
    const line = root.appendChild(document.createElement('span'));
    line.className = note.warn ? 'map-tooltip__note map-tooltip__note--warn' : 'map-tooltip__note';
    line.textContent = note.text;
  }
  return root;
}
