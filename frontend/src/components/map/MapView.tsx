import type { Map as LeafletMap } from 'leaflet';
import { type ReactNode, useEffect } from 'react';
import { MapContainer, Pane, useMap } from 'react-leaflet';
import type { Camera } from '../../lib/view';
import { MAX_ZOOM, MIN_ZOOM, ZOOM_SNAP } from '../../lib/view';
import { Basemap } from './Basemap';
import './map.css';
import { PANES } from './panes';

interface MapViewProps {
  /** Where the map starts; later moves are the map's own (see onMap). */
  initial: Camera;
  onMap: (map: LeafletMap | null) => void;
  /** Layers for each pane (see PANES); give them the pane's name. */
  areas?: ReactNode;
  overlays?: ReactNode;
  markers?: ReactNode;
  label: string;
}

/** Tells Leaflet when its container changes size (a bar above it appears, the phone rotates), so that it
 * draws and fits to the real size instead of the size it had when it started. */
function FollowContainerSize() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/** A full-size Leaflet map drawn with SVG (every area and marker is a path element), with its panes. */
export function MapView({ initial, onMap, areas, overlays, markers, label }: MapViewProps) {
  return (
    <div className="map-frame" role="region" aria-label={label}>
      <MapContainer
      ref={onMap}
      className="map-view"
      center={[initial.lat, initial.lng]}
      zoom={initial.zoom}
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      zoomSnap={ZOOM_SNAP}
      preferCanvas={false}
    >
      <FollowContainerSize />
      <Basemap />
      <Pane name={PANES.areas.name} style={{ zIndex: PANES.areas.zIndex }}>
        {areas}
      </Pane>
      <Pane name={PANES.overlays.name} style={{ zIndex: PANES.overlays.zIndex }}>
        {overlays}
      </Pane>
      <Pane name={PANES.markers.name} style={{ zIndex: PANES.markers.zIndex }}>
        {markers}
      </Pane>
    </MapContainer>
    </div>
  );
}
