/** The accessible name of the store panel (stable for assistive technology and browser tests). */
export const PANEL_LABEL = 'Store details';
