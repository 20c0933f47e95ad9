/** Map panes, bottom to top; each gets its own SVG renderer. */
export const PANES = {
  areas: { name: 'areas', zIndex: 410 },
  overlays: { name: 'overlays', zIndex: 420 },
  markers: { name: 'markers', zIndex: 430 },
} as const;
