import { Link, useRoute } from 'wouter';

/** The dashboard's pages, in the order the navigation shows them. */
export const PAGES = [
  { path: '/', label: 'Map' },
  { path: '/stores', label: 'Stores' },
  { path: '/inventory', label: 'Inventory' },
  { path: '/forecasts', label: 'Forecasts' },
] as const;

function NavLink({ path, label }: { path: string; label: string }) {
  const [active] = useRoute(path);
  return (
    <Link href={path} className="nav__link" aria-current={active ? 'page' : undefined}>
      {label}
    </Link>
  );
}

/** The product's name and links to its pages. */
export function Nav() {
  return (
    <div className="brand">
      <span className="header__title">FastCommerce</span>
      <nav className="nav" aria-label="Pages">
        {PAGES.map((page) => (
          <NavLink key={page.path} {...page} />
        ))}
      </nav>
    </div>
  );
}
