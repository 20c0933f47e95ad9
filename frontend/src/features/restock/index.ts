import './restock.css';

export { HubsCard } from './components/HubsCard';
export { PlanDetail } from './components/PlanDetail';
export { PlanFilters } from './components/PlanFilters';
export { PlansTable } from './components/PlansTable';
export { RunSummary } from './components/RunSummary';
export { TransfersCard } from './components/TransfersCard';
export { changePlansView, PAGE_SIZE, parsePlansView, serializePlansView, type PlansView } from './plansView';
