import { Link, useRoute } from 'wouter';
import { useOpenAlertCount } from '../api/alerts';
import { formatInt } from '../lib/format';

/** The dashboard's pages, in the order the navigation shows them. */
export const PAGES = [
  { path: '/', label: 'Map' },
  { path: '/stores', label: 'Stores' },
  { path: '/inventory', label: 'Inventory' },
  { path: '/forecasts', label: 'Forecasts' },
  { path: '/plans', label: 'Plans' },
  { path: '/alerts', label: 'Alerts' },
] as const;

interface NavLinkProps {
  path: string;
  label: string;
  /** How many open things wait there (a badge; none while unknown or zero). */
  open?: number;
}

function NavLink({ path, label, open }: NavLinkProps) {
  const [active] = useRoute(path);
  return (
    <Link
      href={path}
      className="nav__link"
      aria-current={active ? 'page' : undefined}
      aria-label={open ? `${label}, ${formatInt(open)} open` : undefined}
    >
      {label}
      {open ? (
        <span className="nav__count" aria-hidden="true">
          {open > 999 ? '999+' : formatInt(open)}
        </span>
      ) : null}
    </Link>
  );
}

/** The product's name and links to its pages (the Alerts link with the number of open alerts). */
export function Nav() {
  const openAlerts = useOpenAlertCount();
  return (
    <div className="brand">
      <span className="header__title">FastCommerce</span>
      <nav className="nav" aria-label="Pages">
        {PAGES.map((page) => (
          <NavLink key={page.path} {...page} open={page.path === '/alerts' ? openAlerts.data : undefined} />
        ))}
      </nav>
    </div>
  );
}
