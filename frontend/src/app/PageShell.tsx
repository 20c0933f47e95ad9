import type { ReactNode } from 'react';
import { ApiStatus } from './ApiStatus';
import { Nav } from './Nav';
import { UserMenu } from './UserMenu';

interface PageShellProps {
  title: string;
  /** Errors of the page's queries: any of them shows the API banner. */
  errors: readonly (Error | null)[];
  /** Controls shown beside the title (filters, export). */
  actions?: ReactNode;
  children: ReactNode;
}

/** A page other than the map: navigation, the API banner, a title and a scrolling body. */
export function PageShell({ title, errors, actions, children }: PageShellProps) {
  return (
    <div className="app">
      <header className="header">
        <div className="header__bar">
          <Nav />
        </div>
        <UserMenu />
      </header>
      <ApiStatus errors={errors} />
      <main className="page">
        <div className="page__head">
          <h1 className="page__title">{title}</h1>
          {actions && <div className="page__actions">{actions}</div>}
        </div>
        {children}
      </main>
    </div>
  );
}
