import L, { type Path, type PathOptions } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { HeatmapCollection, HeatmapFeature } from '../../../api/heatmap';
import { makeFocusable, setAccessibleName } from '../../../components/map/focusable';
import { TOOLTIP_OPTIONS, tooltipElement } from '../../../components/map/tooltip';
import { colorOf, type Scale } from '../../../lib/scale';
import type { Metric } from '../../../lib/view';
import { METRIC_INFO } from '../metrics';
import { areaTitle, areaTooltip } from '../tooltip';

interface HeatmapLayerProps {
  pane: string;
  /** The areas to draw: rebuilt only when this changes (once per view). */
  base: HeatmapCollection;
  /** The current values, by feature id (live updates restyle the areas drawn from `base`). */
  collection: HeatmapCollection;
  metric: Metric;
  scale: Scale;
  selectedId: string | null;
  onSelect: (feature: HeatmapFeature) => void;
}

const SERVED_OUTLINE: PathOptions = { color: '#5b6470', weight: 0.6 };
// Unserved areas: a thick dashed violet outline, distinct from every fill colour.
const UNSERVED_OUTLINE: PathOptions = { color: '#6d28d9', weight: 2, dashArray: '5 4' };

function areaStyle(feature: HeatmapFeature, metric: Metric, scale: Scale): PathOptions {
  return {
    ...(feature.properties.served ? SERVED_OUTLINE : UNSERVED_OUTLINE),
    fillColor: colorOf(scale, METRIC_INFO[metric].value(feature.properties)),
    fillOpacity: 0.8,
    opacity: 1,
  };
}

/** The features already styled for a drawing (base) with a metric and scale. */
interface Styled {
  base: HeatmapCollection;
  metric: Metric;
  scale: Scale;
  done: WeakSet<HeatmapFeature>;
}

/** The choropleth: one SVG path with class "area" per pincode area or H3 cell. */
export function HeatmapLayer({ pane, base, collection, metric, scale, selectedId, onSelect }: HeatmapLayerProps) {
  const map = useMap();
  const layers = useRef(new Map<string, Path>());
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  useEffect(() => {
    const built: [HeatmapFeature, Path][] = [];
    const group = L.geoJSON(base as unknown as GeoJSON.FeatureCollection, {
      pane,
      style: (feature) => ({
        className: (feature as unknown as HeatmapFeature).properties.served ? 'area' : 'area area--unserved',
        fillOpacity: 0,
      }),
      onEachFeature: (feature, layer) => built.push([feature as unknown as HeatmapFeature, layer as Path]),
    }).addTo(map);
    for (const [feature, path] of built) {
      const activate = () => select.current(feature);
      path.bindTooltip('', { ...TOOLTIP_OPTIONS, sticky: true });
      path.on('click', activate);
      makeFocusable(path, activate); // needs the path's element: after addTo
    }
    layers.current = new Map(built.map(([feature, path]) => [feature.id, path]));
    return () => {
      group.remove();
      layers.current = new Map();
    };
  }, [map, pane, base]);

  // Restyle only what changed: live merges keep the objects of features without a delta.
  const styled = useRef<Styled>(null);
  useEffect(() => {
    let state = styled.current;
    if (!state || state.base !== base || state.metric !== metric || state.scale !== scale) {
      state = { base, metric, scale, done: new WeakSet() };
      styled.current = state;
    }
    const { done } = state;
    for (const feature of collection.features) {
      const path = layers.current.get(feature.id);
      if (!path || done.has(feature)) continue;
      path.setStyle(areaStyle(feature, metric, scale));
      path.setTooltipContent(tooltipElement(areaTooltip(feature, collection.metadata)));
      const { label, value, format } = METRIC_INFO[metric];
      setAccessibleName(path, `${areaTitle(feature)}: ${label} ${format(value(feature.properties))}`);
      done.add(feature);
    }
  }, [collection, metric, scale, base]);

  useEffect(() => {
    const path = selectedId ? layers.current.get(selectedId) : undefined;
    path?.bringToFront(); // so that no neighbour covers its outline
    const element = path?.getElement();
    element?.classList.add('area--selected');
    return () => element?.classList.remove('area--selected');
  }, [selectedId, base]);

  return null;
}
