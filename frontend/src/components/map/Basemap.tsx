import {
  canvas,
  divIcon,
  geoJSON,
  marker,
  type GeoJSON as GeoJSONLayer,
  type GeoJSONOptions,
  type Marker,
  type PathOptions,
} from 'leaflet';
import { useEffect } from 'react';
import { TileLayer, useMap } from 'react-leaflet';
import basemapUrl from './basemap/india.json?url';
import {
  BASEMAP_ATTRIBUTION,
  basemapStyle,
  isBasemapKind,
  labelShows,
  parseBasemap,
  type BasemapData,
  type BasemapLabel,
} from './basemapStyle';
import { PANES } from './panes';

// THE BASEMAP. Built with VITE_BASEMAP_URL (a tile URL template of a tile server you may use, e.g. OSM's) and
// VITE_BASEMAP_ATTRIBUTION, the map draws those tiles and nothing else here: they have land, water and
// boundaries already, in more detail, and Natural Earth's coarser lines on top would not quite match them.
// Without it (the default, and what works offline) it draws the vector basemap shipped with the app:
// land, lakes, state and country boundaries of India and around it (basemap/README.md), fetched after the
// map is up, so that it never holds up the demand areas. If that file cannot be had, the map keeps its
// plain background (map.css) and says nothing: the basemap is a backdrop, not data.
const url = import.meta.env.VITE_BASEMAP_URL;
const attribution = import.meta.env.VITE_BASEMAP_ATTRIBUTION ?? '';

export function Basemap() {
  return url ? <TileLayer url={url} attribution={attribution} /> : <VectorBasemap />;
}

/** The file is fetched once per page load, whichever map asks first. */
let loading: Promise<BasemapData | null> | null = null;
function loadBasemap(): Promise<BasemapData | null> {
  loading ??= fetch(basemapUrl)
    .then((response) => (response.ok ? response.json() : null))
    .then(parseBasemap)
    .catch(() => null)
    .then((data) => {
      if (!data) loading = null; // a later map may try again
      return data;
    });
  return loading;
}

/** Runs `task` once the browser has nothing more urgent to do (the first paint, the API's answers). */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 1500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}

/** A place name: text only (a city's dot is CSS), not clickable, not focusable, hidden from screen readers. */
function labelMarker(label: BasemapLabel, pane: string): Marker {
  const text = document.createElement('span');
  text.textContent = label.name;
  return marker([label.lat, label.lng], {
    pane,
    icon: divIcon({ className: `basemap-label basemap-label--${label.label}`, html: text, iconSize: [0, 0] }),
    interactive: false,
    keyboard: false,
  });
}

function VectorBasemap() {
  const map = useMap();
  useEffect(() => {
    const shapesPane = PANES.basemap.name;
    const labelsPane = PANES.basemapLabels.name;
    for (const { name, zIndex } of [PANES.basemap, PANES.basemapLabels]) {
      const pane = map.getPane(name) ?? map.createPane(name);
      pane.style.zIndex = String(zIndex);
      pane.style.pointerEvents = 'none';
      pane.setAttribute('aria-hidden', 'true');
    }
    let layer: GeoJSONLayer | null = null;
    let labels: { label: BasemapLabel; marker: Marker }[] = [];
    let cancelled = false;
    const styleOf = (feature: GeoJSON.Feature | undefined) => {
      const kind: unknown = feature?.properties?.kind;
      return isBasemapKind(kind) ? basemapStyle(kind, map.getZoom()) : {};
    };
    const restyle = () => {
      layer?.setStyle(styleOf);
      const zoom = map.getZoom();
      for (const { label, marker: m } of labels) {
        if (labelShows(label, zoom)) m.addTo(map);
        else m.remove();
      }
    };
    const cancelIdle = whenIdle(() => {
      void loadBasemap().then((data) => {
        if (cancelled || !data) return;
        // GeoJSON hands its options to each path it makes, renderer included (its typings omit that).
        const options: GeoJSONOptions & PathOptions = {
          pane: shapesPane,
          // One canvas for thousands of vertices of coast and boundaries: cheaper than as many SVG nodes,
          // and nothing here needs to be a DOM element (no events, no hover).
          renderer: canvas({ pane: shapesPane, padding: 0.5 }),
          interactive: false,
          style: styleOf,
          attribution: BASEMAP_ATTRIBUTION,
        };
        layer = geoJSON(data.shapes as GeoJSON.FeatureCollection, options);
        layer.addTo(map);
        labels = data.labels.map((label) => ({ label, marker: labelMarker(label, labelsPane) }));
        restyle();
        map.getContainer().classList.add('map-view--basemap');
        map.on('zoomend', restyle);
      });
    });
    return () => {
      cancelled = true;
      cancelIdle();
      map.off('zoomend', restyle);
      layer?.remove();
      for (const { marker: m } of labels) m.remove();
      map.getContainer().classList.remove('map-view--basemap');
    };
  }, [map]);
  return null;
}
