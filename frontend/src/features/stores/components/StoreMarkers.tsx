import type { CircleMarker as LeafletCircleMarker } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { CircleMarker } from 'react-leaflet';
import { makeFocusable, setAccessibleName } from '../../../components/map/focusable';
import { TOOLTIP_OPTIONS, tooltipElement, type TooltipSpec } from '../../../components/map/tooltip';
import { formatDecimal, formatInt } from '../../../lib/format';
import { STOCK_STATUS } from '../../../lib/stockHealth';
import type { StoreView } from '../../../lib/storeViews';

function storeTooltip({ store, health, status }: StoreView): TooltipSpec {
  const count = (n: number | undefined) => (n === undefined ? 'n/a' : formatInt(n));
  return {
    title: `${store.name} (${store.code})`,
    rows: [
      ['Stock', STOCK_STATUS[status].label],
      ['SKUs', count(health?.skus)],
      ['At/below reorder point', count(health?.below_reorder_point)],
      ['Out of stock', count(health?.out_of_stock)],
      ['Service radius', `${formatDecimal(store.radius_m / 1000)} km`],
    ],
  };
}

interface StoreMarkerProps {
  view: StoreView;
  onSelect: (view: StoreView) => void;
}

function StoreMarker({ view, onSelect }: StoreMarkerProps) {
  const marker = useRef<LeafletCircleMarker>(null);
  const spec = useMemo(() => storeTooltip(view), [view]);
  const select = useRef(() => onSelect(view));
  useEffect(() => {
    select.current = () => onSelect(view);
  });

  useEffect(() => {
    const layer = marker.current;
    if (!layer) return;
    const activate = () => select.current();
    layer.bindTooltip('', TOOLTIP_OPTIONS);
    layer.on('click', activate);
    makeFocusable(layer, activate);
    return () => {
      layer.off('click', activate);
      layer.unbindTooltip();
    };
  }, []);

  useEffect(() => {
    const layer = marker.current;
    if (!layer) return;
    layer.setTooltipContent(tooltipElement(spec));
    setAccessibleName(layer, `Store ${spec.title}: stock ${STOCK_STATUS[view.status].label.toLowerCase()}`);
  }, [spec, view.status]);

  return (
    <CircleMarker
      ref={marker}
      center={[view.store.lat, view.store.lng]}
      radius={8}
      className="store-marker" // an option of the path's creation: pathOptions are applied after it
      pathOptions={{
        color: '#ffffff',
        weight: 2,
        fillColor: STOCK_STATUS[view.status].color,
        fillOpacity: 1,
      }}
    />
  );
}

/** One SVG path with class "store-marker" per store, coloured by its stock status; a click selects it. */
export function StoreMarkers({
  stores,
  onSelect,
}: {
  stores: readonly StoreView[];
  onSelect: StoreMarkerProps['onSelect'];
}) {
  return stores.map((view) => <StoreMarker key={view.store.code} view={view} onSelect={onSelect} />);
}
