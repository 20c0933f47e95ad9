// What every browser test and benchmark shares: Debian's Chromium through playwright-core (never a browser
// download), the API's base URL, named steps that report and collect failures, the screenshots folder.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Who the scripts sign in as: DASHBOARD_USER and DASHBOARD_PASSWORD (`make demo`'s admin by default). */
export const CREDENTIALS = {
  username: process.env.DASHBOARD_USER ?? 'admin',
  password: process.env.DASHBOARD_PASSWORD ?? process.env.FC_DEMO_ADMIN_PASSWORD ?? '',
};

/** A browser with a fresh profile (nothing cached), at desktop size, signed in (its session cookie set) unless
 * `signedIn` is false. */
export async function launch(prefix = 'fc-e2e-', { signedIn = true } = {}) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), prefix)), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS, viewport: DESKTOP,
  });
  if (signedIn) {
    const answer = await context.request.post(`${BASE}/api/auth/login`, { data: CREDENTIALS });
    if (!answer.ok()) throw new Error(`signing in as ${CREDENTIALS.username} gave ${answer.status()}`);
  }
  return context;
}

/** Named steps: each reports ok or FAIL with its time; `finish` closes the browser and exits 1 if any failed. */
export function steps(context) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const failures = [];
  return {
    async step(name, body) {
      const started = Date.now();
      try {
        await body();
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failures.push(name);
        console.log(`FAIL ${name}: ${error.message}`);
      }
    },
    async finish() {
      await context.close();
      if (failures.length) {
        console.log(`${failures.length} failed: ${failures.join('; ')}`);
        process.exit(1);
      }
    },
  };
}

let bearer;
/** The Authorization header of a token for CREDENTIALS (asked for once). */
async function authorization() {
  bearer ??= fetch(`${BASE}/api/auth/token`, { method: 'POST', body: new URLSearchParams(CREDENTIALS) })
    .then((answer) => (answer.ok ? answer.json() : Promise.reject(new Error(`a token gave ${answer.status}`))))
    .then(({ access_token }) => `Bearer ${access_token}`);
  return bearer;
}

/** A request to the API (`path` from /api) as CREDENTIALS' user. */
export const apiFetch = async (path, init) =>
  fetch(`${BASE}${path}`, { ...init, headers: { ...init?.headers, Authorization: await authorization() } });

/** The JSON of a request to the API as CREDENTIALS' user; an error unless it succeeded. */
export const api = async (path, init) => {
  const response = await apiFetch(path, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path} gave ${response.status}`);
  return response.json();
};

/** A screenshot of the page in the artifacts folder, at desktop and phone size (the viewport is restored). */
export async function screenshots(page, name, ready) {
  await page.screenshot({ path: `${ARTIFACTS}${name}-desktop.png`, fullPage: false });
  await page.setViewportSize(PHONE);
  if (ready) await ready();
  await page.screenshot({ path: `${ARTIFACTS}${name}-phone.png`, fullPage: false });
  await page.setViewportSize(DESKTOP);
}
