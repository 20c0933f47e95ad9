import './forecasts.css';

export { AccuracySection } from './components/AccuracySection';
export { Pager } from './components/Pager';
export { RunsSection } from './components/RunsSection';
export { SeriesDetail } from './components/SeriesDetail';
export { SeriesFilters } from './components/SeriesFilters';
export { SeriesTable } from './components/SeriesTable';
export { PAGE_SIZE, pageCount, pageOffset, type ForecastsView, type SeriesKey } from './forecastsView';
export { latestDoneRun, runProgress } from './runs';
export { useForecastsView } from './useForecastsView';
