// Measures the dashboard in Debian's Chromium for bench/dashboard.py: time from navigation to the first map
// with pincode areas (a fresh browser profile each time, so nothing is cached), and the time to draw and
// restyle every H3 cell of a city at resolution 9. Prints one JSON line.
import { BASE, launch } from './browser.mjs';

const RUNS = Number(process.env.RUNS ?? 10);
const browser = () => launch('fc-bench-');

async function timeUntil(page, url, minimum) {
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('path.area').length > n, minimum, { timeout: 30000 });
  return Date.now() - started;
}

const paint = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser();
  const page = context.pages()[0] ?? (await context.newPage());
  paint.push(await timeUntil(page, `${BASE}/?city=BLR&metric=units&window=24h`, 50));
  await context.close();
}

const context = await browser();
const page = context.pages()[0] ?? (await context.newPage());
const h3Draw = [];
const restyle = [];
let cells = 0;
for (let run = 0; run < Math.max(3, Math.floor(RUNS / 2)); run++) {
  h3Draw.push(await timeUntil(page, `${BASE}/?city=BLR&metric=units&window=24h&level=h3&res=9`, 50));
  cells = await page.$$eval('path.area', (paths) => paths.length);
  for (const metric of ['lost_units', 'orders', 'revenue', 'units']) {
    const before = await page.$$eval('path.area', (paths) => paths.map((p) => p.getAttribute('fill')).join());
    const started = Date.now();
    await page.getByLabel('Metric').selectOption(metric);
    await page.waitForFunction((old) => [...document.querySelectorAll('path.area')]
      .map((p) => p.getAttribute('fill')).join() !== old, before, { timeout: 30000 });
    restyle.push(Date.now() - started);
  }
}
await context.close();
console.log(JSON.stringify({ paint, h3Draw, restyle, cells }));
