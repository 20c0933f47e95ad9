/** The accessible name of the pincode panel (stable for assistive technology and browser tests). */
export const PANEL_LABEL = 'Pincode details';
