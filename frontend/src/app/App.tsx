import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Route, Switch } from 'wouter';
import { Spinner } from '../components/ui/Spinner';
import { AuthGate } from './AuthGate';
import { ErrorBoundary } from './ErrorBoundary';
import { MapPage } from './MapPage';
import { NotFoundPage } from './NotFoundPage';
import { createQueryClient } from './queryClient';

// Pages other than the map load on demand: the map's first paint does not wait for them.
const StoresPage = lazy(() => import('./routes/StoresPage'));
const InventoryPage = lazy(() => import('./routes/InventoryPage'));
const ForecastsPage = lazy(() => import('./routes/ForecastsPage'));
const PlansPage = lazy(() => import('./routes/PlansPage'));
const AlertsPage = lazy(() => import('./routes/AlertsPage'));

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <AuthGate>
          <Suspense fallback={<Spinner overlay label="Loading the page…" />}>
            <Switch>
              <Route path="/" component={MapPage} />
              <Route path="/stores" component={StoresPage} />
              <Route path="/inventory" component={InventoryPage} />
              <Route path="/forecasts" component={ForecastsPage} />
              <Route path="/plans" component={PlansPage} />
              <Route path="/alerts" component={AlertsPage} />
              <Route component={NotFoundPage} />
            </Switch>
          </Suspense>
        </AuthGate>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
