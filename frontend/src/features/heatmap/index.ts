import './heatmap.css';

export { FilterControls } from './components/FilterControls';
export { HeatmapLayer } from './components/HeatmapLayer';
export { HeatmapLegend } from './components/HeatmapLegend';
export { Totals } from './components/Totals';
export { ViewControls, type ViewChange } from './components/ViewControls';
export { heatmapParams, METRIC_INFO } from './metrics';
export { useLiveHeatmap, type HeatmapSnapshot } from './useLiveHeatmap';
