// Signing in and out of the dashboard in jsdom against a fake API with a session: the sign-in page for anyone
// not signed in (at the address asked for), a wrong password and a lock-out explained, the page after signing
// in, signing out, and a session that ends while the page is open.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/fakeEventSource';
import { SIGNED_IN } from '../test/fixtures';
import { App } from './App';

let session: string | null;
let lockedOut: boolean;
const posts: { url: string; body: unknown }[] = [];
const UNAUTHENTICATED = { detail: [{ loc: [], msg: 'sign in', type: 'unauthenticated', input: null }] };

function fakeApi(method: string, url: string, body: unknown): [number, unknown] {
  const path = url.split('?')[0];
  if (method === 'POST') posts.push({ url, body });
  if (path === '/api/auth/login') {
    const { username, password } = body as { username: string; password: string };
    if (lockedOut) {
      const detail = [{ loc: ['body', 'username'], msg: 'too many failed sign-ins for asha; try again in 42 s', type: 'too_many_attempts', input: null }];
      return [429, { detail }];
    }
    if (username !== SIGNED_IN.name || password !== 'right password') return [401, UNAUTHENTICATED];
    session = username;
    return [200, SIGNED_IN];
  }
  if (path === '/api/auth/logout') {
    session = null;
    return [204, null];
  }
  if (path === '/api/health') return [200, { status: 'ok', database: 'ok' }];
  if (!session) return [401, UNAUTHENTICATED];
  if (path === '/api/auth/me') return [200, SIGNED_IN];
  if (path === '/api/stores' || path === '/api/alerts') return [200, []];
  return [404, { detail: [{ loc: ['path'], msg: 'not found', type: 'not_found', input: null }] }];
}

const signInWith = (password: string) => {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: ' asha ' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
};

describe('signing in', { timeout: 30_000 }, () => {
  beforeEach(() => {
    session = null;
    lockedOut = false;
    posts.length = 0;
    window.history.replaceState(null, '', '/stores');
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const [status, body] = fakeApi(init?.method ?? 'GET', url, init?.body ? JSON.parse(String(init.body)) : undefined);
        return new Response(status === 204 ? null : JSON.stringify(body), { status });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks who you are, explains a refusal, then shows the page asked for; signing out asks again', async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'FastCommerce' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Stores' })).toBeNull();

    signInWith('wrong password');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password, or the user is disabled.');
    lockedOut = true;
    signInWith('right password');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Too many failed sign-ins for asha; try again in 42 s'));

    lockedOut = false;
    signInWith('right password');
    expect(await screen.findByRole('heading', { name: 'Stores' }, { timeout: 5_000 })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/stores');
    expect(posts.at(-1)).toEqual({ url: '/api/auth/login', body: { username: 'asha', password: 'right password' } });
    expect(screen.getByText('asha')).toBeInTheDocument();
    expect(screen.getByText('Planner')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(posts.at(-1)?.url).toBe('/api/auth/logout');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('goes back to signing in when the session ends while a page is open', async () => {
    session = SIGNED_IN.name;
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Stores' }, { timeout: 5_000 })).toBeInTheDocument();
    session = null; // it expired, or the user was disabled
    fireEvent.click(screen.getByRole('link', { name: 'Alerts' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});
