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

/** A browser with a fresh profile (nothing cached), at desktop size. */
export async function launch(prefix = 'fc-e2e-') {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), prefix)), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS, viewport: DESKTOP,
  });
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

export const api = async (path, init) => {
  const response = await fetch(`${BASE}${path}`, init);
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
