import { Circle } from 'react-leaflet';
import { STOCK_STATUS } from '../../../lib/stockHealth';
import type { StoreView } from '../../../lib/storeViews';

/** Each store's service radius as a dashed circle (not interactive: clicks reach the areas beneath). */
export function ServiceAreas({ stores }: { stores: readonly StoreView[] }) {
  return stores.map(({ store, status }) => (
    <Circle
      key={store.code}
      center={[store.lat, store.lng]}
      radius={store.radius_m}
      interactive={false}
      className="service-area"
      pathOptions={{
        color: STOCK_STATUS[status].color,
        weight: 1.5,
        dashArray: '6 5',
        fill: true,
        fillOpacity: 0.04,
      }}
    />
  ));
}
