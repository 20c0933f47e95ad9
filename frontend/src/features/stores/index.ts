export { ServiceAreas } from './components/ServiceAreas';
export { StoreLegend } from './components/StoreLegend';
export { StoreMarkers } from './components/StoreMarkers';
export { storeViews, type StoreView } from './storeViews';
