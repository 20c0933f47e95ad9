export { ServiceAreas } from './components/ServiceAreas';
export { StoreLegend } from './components/StoreLegend';
export { StoreMarkers } from './components/StoreMarkers';
export { STOCK_STATUS } from './stockHealth';
export { storeViews, type StoreView } from './storeViews';
