import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { MapPage } from './MapPage';
import { createQueryClient } from './queryClient';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <MapPage />
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
