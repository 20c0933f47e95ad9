/** Map panes, bottom to top; each gets its own SVG renderer, except the basemap's two (made by Basemap.tsx
 * itself: a canvas and its place names, above Leaflet's tile pane at 200, below everything that shows data). */
export const PANES = {
  basemap: { name: 'basemap', zIndex: 250 },
  basemapLabels: { name: 'basemapLabels', zIndex: 260 },
  areas: { name: 'areas', zIndex: 410 },
  overlays: { name: 'overlays', zIndex: 420 },
  markers: { name: 'markers', zIndex: 430 },
} as const;
