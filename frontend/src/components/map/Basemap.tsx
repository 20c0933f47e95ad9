import { TileLayer } from 'react-leaflet';

// THE BASEMAP SPOT. The dashboard must work offline, so by default there is no tile layer, only the neutral
// background of .map-view (map.css). To add one, build with VITE_BASEMAP_URL (a tile URL template of a
// tile server you may use) and VITE_BASEMAP_ATTRIBUTION.
const url = import.meta.env.VITE_BASEMAP_URL;
const attribution = import.meta.env.VITE_BASEMAP_ATTRIBUTION ?? '';

export function Basemap() {
  return url ? <TileLayer url={url} attribution={attribution} /> : null;
}
