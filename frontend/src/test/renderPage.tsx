import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createQueryClient } from '../app/queryClient';

/** A page rendered at `url` (its query string is the page's state) with the app's query client. */
export function renderPageAt(url: string, page: ReactElement) {
  window.history.replaceState(null, '', url);
  return render(<QueryClientProvider client={createQueryClient()}>{page}</QueryClientProvider>);
}
