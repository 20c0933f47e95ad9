import './forecasts.css';

export { AccuracySection } from './components/AccuracySection';
export { RunsSection } from './components/RunsSection';
export { SeriesDetail } from './components/SeriesDetail';
export { SeriesFilters } from './components/SeriesFilters';
export { SeriesTable } from './components/SeriesTable';
export {
  apiSort,
  changeView,
  PAGE_SIZE,
  parseForecastsView,
  serializeForecastsView,
  type ForecastsView,
  type SeriesKey,
  type SortState,
} from './forecastsView';
export { latestDoneRun, runProgress } from './runs';
