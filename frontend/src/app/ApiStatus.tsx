import { ApiError } from '../api/client';
import { useHealth } from '../api/health';
import { Banner } from '../components/ui/Banner';

/** A banner while /api/health or any of the page's queries fails (they all keep retrying). */
export function ApiStatus({ errors }: { errors: readonly (Error | null)[] }) {
  const health = useHealth();
  const failure = health.error ?? errors.find((error) => error !== null);
  if (!failure) return null;
  const rejected = failure instanceof ApiError && !failure.unreachable;
  return (
    <Banner tone="error">
      <strong>{rejected ? 'The API rejected a request — retrying' : "Can't reach the API — retrying"}</strong>
      <span className="banner__detail">{failure.message}</span>
    </Banner>
  );
}
