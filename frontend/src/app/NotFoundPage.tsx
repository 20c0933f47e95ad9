import { Link } from 'wouter';
import { PageShell } from './PageShell';

export function NotFoundPage() {
  return (
    <PageShell title="Page not found" errors={[]}>
      <p>
        There is no page at <code>{window.location.pathname}</code>. <Link href="/">Back to the map</Link>.
      </p>
    </PageShell>
  );
}
