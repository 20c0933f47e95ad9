import type { Path } from 'leaflet';

/** Lets the keyboard reach a vector layer: Tab focuses it and opens its tooltip, Enter or Space activates it.
 * Its accessible name is the caller's to set (setAccessibleName), as it changes with the layer's values. */
export function makeFocusable(layer: Path, onActivate?: () => void): void {
  const element = layer.getElement();
  if (!element) return;
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', onActivate ? 'button' : 'img');
  element.addEventListener('focus', () => layer.openTooltip());
  element.addEventListener('blur', () => layer.closeTooltip());
  if (onActivate) {
    element.addEventListener('keydown', (event) => {
      const { key } = event as KeyboardEvent;
      if (key !== 'Enter' && key !== ' ') return;
      event.preventDefault();
      onActivate();
    });
  }
}

export function setAccessibleName(layer: Path, name: string): void {
  layer.getElement()?.setAttribute('aria-label', name);
}
