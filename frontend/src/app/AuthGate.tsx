import type { ReactNode } from 'react';
import { useMe } from '../api/auth';
import { Spinner } from '../components/ui/Spinner';
import { LoginPage } from './LoginPage';

/** The pages for a signed-in user, the sign-in page for anyone else (at the same address, so that signing in
 * lands where the link pointed). While the API cannot say (it is down), the pages show, with their banner
 * saying so, and who is signed in is asked again every few seconds. */
export function AuthGate({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Spinner overlay label="Checking who is signed in…" />;
  return me.data === null ? <LoginPage /> : children;
}
