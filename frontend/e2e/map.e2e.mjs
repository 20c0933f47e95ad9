// The map page in Debian's Chromium against the real API, which tests/e2e/test_dashboard.py starts on a
// database holding the demo data. Screenshots: e2e/artifacts/.
import { api, apiFetch, ARTIFACTS, BASE, launch, steps } from './browser.mjs';

const context = await launch();
const { step, finish } = steps(context);

const fills = (page) => page.$$eval('path.area', (paths) => paths.map((p) => p.getAttribute('fill')).join());
const labelOf = (page, pincode) =>
  page.$eval(`path.area[aria-label^="${pincode} "]`, (p) => p.getAttribute('aria-label'));
const unitsIn = (label) => Number(/Units ([\d,]+)/.exec(label)?.[1].replaceAll(',', '') ?? NaN);

const page = context.pages()[0] ?? (await context.newPage());
const stores = await api('/api/stores?city=BLR');
const home = stores[0].pincodes[0];

await step('the map draws pincode areas and store markers', async () => {
  const started = Date.now();
  await page.goto(`${BASE}/?city=BLR&metric=units&window=24h`);
  await page.waitForFunction(() => document.querySelectorAll('path.area').length > 50, null, { timeout: 15000 });
  console.log(`     first map with areas after ${Date.now() - started} ms`);
  await page.waitForFunction((n) => document.querySelectorAll('path.store-marker').length >= n, stores.length);
  await page.waitForSelector('[data-live="on"]', { timeout: 10000 });
  await page.screenshot({ path: `${ARTIFACTS}map-desktop.png` });
});

await step('switching metric or window changes the colours', async () => {
  const before = await fills(page);
  await page.getByLabel('Metric').selectOption('lost_units');
  await page.waitForFunction((old) => [...document.querySelectorAll('path.area')]
    .map((p) => p.getAttribute('fill')).join() !== old, before, { timeout: 10000 });
  const lost = await fills(page);
  await page.getByLabel('Window').selectOption('1h');
  await page.waitForFunction((old) => [...document.querySelectorAll('path.area')]
    .map((p) => p.getAttribute('fill')).join() !== old, lost, { timeout: 10000 });
  if (!page.url().includes('metric=lost_units') || !page.url().includes('window=1h')) {
    throw new Error(`the URL does not hold the view: ${page.url()}`);
  }
  await page.screenshot({ path: `${ARTIFACTS}map-lost-units-1h.png` });
});

await step('an order posted through the API raises its pincode on screen within 5 s', async () => {
  await page.getByLabel('Metric').selectOption('units');
  await page.waitForSelector(`path.area[aria-label^="${home} "][aria-label*="Units"]`);
  const before = unitsIn(await labelOf(page, home));
  const posted = await apiFetch(`/api/orders`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ order_id: `e2e-${Date.now()}`, pincode: home, lines: [{ sku: 'DAI-0001', qty: 7 }] }),
  });
  if (posted.status !== 201) throw new Error(`POST /api/orders gave ${posted.status}`);
  const started = Date.now();
  await page.waitForFunction(([pincode, wanted]) => {
    const label = document.querySelector(`path.area[aria-label^="${pincode} "]`)?.getAttribute('aria-label');
    return Number(/Units ([\d,]+)/.exec(label ?? '')?.[1].replaceAll(',', '')) >= wanted;
  }, [home, before + 7], { timeout: 5000 });
  console.log(`     ${home}: ${before} -> ${before + 7} units on screen after ${Date.now() - started} ms`);
});

await step('the URL restores a view', async () => {
  await page.goto(`${BASE}/?city=BLR&metric=orders&window=7d&level=h3&res=7&lat=12.97&lng=77.59&zoom=12`);
  await page.waitForFunction(() => document.querySelectorAll('path.area').length > 5, null, { timeout: 15000 });
  const metric = await page.getByLabel('Metric').inputValue();
  const windowValue = await page.getByLabel('Window').inputValue();
  const level = await page.getByLabel('Level').inputValue();
  if ([metric, windowValue, level].join() !== 'orders,7d,h3') {
    throw new Error(`restored ${metric}, ${windowValue}, ${level}`);
  }
  await page.screenshot({ path: `${ARTIFACTS}map-h3-restored.png` });
});

/** Click `target` on the map, wait for the dialog `name` to show `content`, screenshot it, close it with Escape. */
async function openPanel(target, name, content, screenshot) {
  await page.goto(`${BASE}/?city=BLR&metric=units&window=24h`);
  await page.locator(target).first().waitFor({ timeout: 15000 });
  // The map has fitted itself to the city once it writes where it rests into the URL.
  await page.waitForFunction(() => location.search.includes('zoom='), null, { timeout: 10000 });
  await page.locator(target).first().click({ force: true });
  const panel = page.getByRole('dialog', { name });
  await panel.waitFor({ timeout: 10000 });
  await content(panel).waitFor({ timeout: 15000 });
  await page.mouse.move(5, 790); // away from the map, so no tooltip covers the panel
  await page.screenshot({ path: `${ARTIFACTS}${screenshot}` });
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
}

await step('a pincode opens its panel', () => openPanel(`path.area[aria-label^="${home} "]`, 'Pincode details',
  (panel) => panel.getByText('Top SKUs, last 7 days'), 'pincode-panel-desktop.png'));

await step('a store opens its panel with its forecast chart', () => openPanel('path.store-marker', 'Store details',
  (panel) => panel.locator('svg.forecast-chart'), 'store-panel-desktop.png'));

await step("a store's panel leads to its low-stock inventory", async () => {
  await page.goto(`${BASE}/?city=BLR&metric=units&window=24h`);
  await page.waitForFunction(() => location.search.includes('zoom='), null, { timeout: 15000 });
  await page.locator('path.store-marker').first().click({ force: true });
  const panel = page.getByRole('dialog', { name: 'Store details' });
  const link = panel.getByRole('link', { name: 'All low-stock SKUs' });
  await link.waitFor({ timeout: 10000 }); // the panel has loaded past its placeholder
  const code = /BLR-\d+/.exec(await panel.innerText())?.[0];
  await link.click();
  await page.getByRole('heading', { name: 'Inventory' }).waitFor({ timeout: 10000 });
  const search = new URLSearchParams(new URL(page.url()).search);
  if (search.get('store') !== code || search.get('low') !== '1') throw new Error(`landed on ${page.url()}`);
});

await step('the time slider plays back the past with its own colours', async () => {
  await page.goto(`${BASE}/?city=BLR&metric=units&window=1h`);
  await page.waitForFunction(() => document.querySelectorAll('path.area').length > 50, null, { timeout: 15000 });
  const liveFills = await fills(page);
  const slider = page.locator('input[type=range]').and(page.getByLabel('Time'));
  await slider.fill(String(287 - 72)); // about 6 h ago
  await page.waitForFunction((old) => [...document.querySelectorAll('path.area')]
    .map((p) => p.getAttribute('fill')).join() !== old && location.search.includes('t='), liveFills, { timeout: 10000 });
  const before = Number(await slider.inputValue());
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  const after = Number(await slider.inputValue());
  if (!(after > before)) throw new Error(`the slider did not move while playing: ${before} -> ${after}`);
  await page.locator('svg.playback-chart').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}playback-desktop.png` });
  await page.getByRole('button', { name: 'Pause' }).click();
});

await step('a category and a SKU filter the map to their demand, as the API counts it', async () => {
  const sku = 'DAI-0001';
  const { category } = (await api('/api/skus?limit=5000')).find((item) => item.sku === sku);
  const filter = `&category=${encodeURIComponent(category)}`;
  const unitsOf = async (query) => {
    const body = await api(`/api/heatmap?city=BLR&window=24h&metric=units${query}`);
    return body.features.find((f) => f.id === String(home)).properties.units;
  };
  await page.goto(`${BASE}/?city=BLR&metric=units&window=24h`);
  await page.waitForSelector(`path.area[aria-label^="${home} "]`, { timeout: 15000 });
  const shows = ([pincode, wanted, params]) => {
    const label = document.querySelector(`path.area[aria-label^="${pincode} "]`)?.getAttribute('aria-label') ?? '';
    const search = new URLSearchParams(location.search);
    return Object.entries(params).every(([key, value]) => search.get(key) === value)
      && Number(/Units ([\d,]+)/.exec(label)?.[1].replaceAll(',', '')) === wanted;
  };
  const all = await unitsOf('');
  await page.getByLabel('Category').selectOption(category);
  const inCategory = await unitsOf(filter);
  await page.waitForFunction(shows, [home, inCategory, { category }], { timeout: 10000 });
  await page.getByLabel('SKU').fill(sku);
  const one = await unitsOf(`${filter}&sku=${sku}`);
  await page.waitForFunction(shows, [home, one, { category, sku }], { timeout: 10000 });
  if (!(one <= inCategory && inCategory < all)) throw new Error(`units ${all} > ${inCategory} >= ${one} expected`);
  console.log(`     ${home}: ${all} units, ${inCategory} in ${category}, ${one} of ${sku}: as the API says`);
  await page.screenshot({ path: `${ARTIFACTS}map-filtered-desktop.png` });
});

await step('the unserved-demand layer marks every place no store serves, most first', async () => {
  const body = await api('/api/heatmap?city=BLR&window=7d&metric=units');
  const unserved = body.features.filter((f) => f.properties.unserved_units > 0)
    .sort((a, b) => b.properties.unserved_units - a.properties.unserved_units);
  if (unserved.length === 0) throw new Error('the demo data has no unserved demand to show');
  await page.goto(`${BASE}/?city=BLR&metric=units&window=7d&unserved=1`);
  await page.waitForFunction((n) => document.querySelectorAll('path.unserved-marker').length === n,
    unserved.length, { timeout: 15000 });
  const list = page.getByRole('region', { name: 'Unserved demand' });
  const first = list.getByRole('button').first();
  const text = await first.innerText();
  if (!text.startsWith(unserved[0].id) || !text.includes(String(unserved[0].properties.unserved_units))) {
    throw new Error(`first unserved place shown "${text}", the API's is ${unserved[0].id}`);
  }
  await first.click();
  const panel = page.getByRole('dialog', { name: 'Pincode details' });
  await panel.getByText('Top SKUs, last 7 days').waitFor({ timeout: 15000 });
  await page.screenshot({ path: `${ARTIFACTS}map-unserved-desktop.png` });
  await page.keyboard.press('Escape');
});

await step('on a phone the map and its filters work', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${BASE}/?city=BLR&metric=units&window=24h`);
  await page.waitForFunction(() => document.querySelectorAll('path.area').length > 50, null, { timeout: 15000 });
  await page.screenshot({ path: `${ARTIFACTS}map-phone.png` });
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Metric').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}map-phone-filters.png` });
});

await step('the offline basemap draws land, boundaries and names under the areas', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${BASE}/?city=BLR&lat=14&lng=76&zoom=7`);
  // Land is filled on the basemap's canvas: a good part of its pixels are painted (the sea is background).
  await page.waitForFunction(() => {
    const canvas = document.querySelector('.map-view--basemap .leaflet-basemap-pane canvas');
    const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
    return painted > 0.2 * (data.length / 4);
  }, null, { timeout: 15000 });
  await page.locator('.basemap-label > span', { hasText: 'Karnataka' }).waitFor();
  await page.locator('.leaflet-control-attribution', { hasText: 'Natural Earth' }).waitFor();
  if (await page.locator('.leaflet-basemap-pane path.area, .leaflet-basemap-pane .leaflet-interactive').count()) {
    throw new Error('the basemap has interactive paths');
  }
  await page.screenshot({ path: `${ARTIFACTS}map-basemap-karnataka.png` });
});

await finish();
