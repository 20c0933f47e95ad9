export { ServiceAreas } from './components/ServiceAreas';
export { StoreLegend } from './components/StoreLegend';
export { StoreMarkers } from './components/StoreMarkers';
export { STOCK_STATUS } from '../../lib/stockHealth';
export { storeViews, type StoreView } from '../../lib/storeViews';
