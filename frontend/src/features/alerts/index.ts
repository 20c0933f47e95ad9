import './alerts.css';

export { AlertFilters } from './components/AlertFilters';
export { AcknowledgementOutcome, AlertsTable } from './components/AlertsTable';
export { KindCounts } from './components/KindCounts';
export { changeAlertsView, PAGE_SIZE, parseAlertsView, serializeAlertsView, type AlertsView } from './alertsView';
