// The Inventory page in Debian's Chromium against the real API, which tests/e2e/test_dashboard.py starts on a
// database holding the demo data and a day of simulated Bengaluru orders. Every number checked is the API's
// own, fetched as curl would. Screenshots: e2e/artifacts/inventory-*.png, inventory-movements-*.png.
import { readFile } from 'node:fs/promises';
import { api, apiFetch, ARTIFACTS, BASE, launch, screenshots, steps } from './browser.mjs';

const context = await launch();
const { step, finish } = steps(context);
const page = context.pages()[0] ?? (await context.newPage());

const STORE = 'BLR-001';
const PAGE = 50;
const count = (n) => n.toLocaleString('en-IN');
const spanText = (offset, rows, total) => (rows === 0 ? `0 of ${count(total)}` : `${count(offset + 1)}–${count(offset + rows)} of ${count(total)}`);

/** GET /api/stores/{STORE}/inventory?… as curl would: the rows and X-Total-Count. */
async function listed(query) {
  const path = `/api/stores/${STORE}/inventory?${query}`;
  const response = await apiFetch(`${path}`);
  if (!response.ok) throw new Error(`GET ${path} gave ${response.status}`);
  return { rows: await response.json(), total: Number(response.headers.get('X-Total-Count')) };
}

const pager = page.locator('.pager__count');
const shownSkus = () => page.$$eval('table.inventory-table tbody tr[data-sku]', (rows) => rows.map((row) => row.dataset.sku));
/** The page's rows: sku, name, on hand and reorder point (as numbers; null for "–"). */
const shownRows = () => page.$$eval('table.inventory-table tbody tr[data-sku]', (rows) => rows.map((row) => {
  const number = (text) => (text.trim() === '–' ? null : Number(text.replace(/[^\d-]/g, '')));
  const cells = row.querySelectorAll('td');
  return { sku: row.dataset.sku, name: cells[0].textContent, on_hand: number(cells[2].textContent), reorder_point: number(cells[3].textContent) };
}));
async function waitForList({ rows, total }, offset = 0) {
  const skus = rows.map((row) => row.sku);
  await page.waitForFunction(([wanted, text]) => [...document.querySelectorAll('table.inventory-table tbody tr[data-sku]')]
    .map((row) => row.dataset.sku).join() === wanted.join() && document.querySelector('.pager__count')?.textContent === text,
  [skus, spanText(offset, rows.length, total)], { timeout: 10000 });
}
const waitForUrl = (key, value) => page.waitForFunction(([k, v]) => new URLSearchParams(location.search).get(k) === v, [key, value]);

await step('the inventory of a store shows its first 50 SKUs and the API\'s total', async () => {
  const first = await listed(`limit=${PAGE}`);
  await page.goto(`${BASE}/inventory?store=${STORE}`);
  await waitForList(first);
  if ((await pager.textContent()) !== `1–50 of ${count(first.total)}`) throw new Error(`the pager says ${await pager.textContent()}`);
  await screenshots(page, 'inventory', () => page.locator('table.inventory-table tbody tr').first().waitFor());
});

await step('the search narrows the rows to matching SKUs, counted as X-Total-Count', async () => {
  await page.getByLabel('Search SKUs').fill('milk');
  await waitForUrl('q', 'milk');
  const found = await listed(`q=milk&limit=${PAGE}`);
  if (found.total === 0) throw new Error('no SKU of the demo data matches "milk"');
  await waitForList(found);
  const text = await pager.textContent();
  if (!text.endsWith(` of ${count(found.total)}`)) throw new Error(`the pager says ${text}; X-Total-Count is ${found.total}`);
  for (const row of await shownRows()) {
    if (!/milk/i.test(row.sku) && !/milk/i.test(row.name)) throw new Error(`${row.sku} ${row.name} does not match "milk"`);
  }
});

await step('"Low stock only" shows only rows with on hand at or below the reorder point', async () => {
  await page.getByLabel('Search SKUs').fill('');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('q'));
  await page.getByLabel('Low stock only').check();
  await waitForUrl('low', '1');
  const low = await listed(`below_reorder_point=true&limit=${PAGE}`);
  if (low.total === 0) throw new Error(`no SKU of ${STORE} is at or below its reorder point`);
  await waitForList(low);
  for (const row of await shownRows()) {
    if (row.reorder_point === null || row.on_hand > row.reorder_point) {
      throw new Error(`${row.sku}: on hand ${row.on_hand}, reorder point ${row.reorder_point}`);
    }
  }
  await page.screenshot({ path: `${ARTIFACTS}inventory-low-desktop.png` });
});

/** The records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field), records.push(record), (record = []), (field = '');
    } else field += c;
  }
  if (field !== '' || record.length) record.push(field), records.push(record);
  return records;
}

await step('"Export CSV" downloads every row of the filters: as many as their total', async () => {
  const low = await listed('below_reorder_point=true&limit=1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  if (download.suggestedFilename() !== `${STORE}-inventory.csv`) throw new Error(`downloaded ${download.suggestedFilename()}`);
  const [head, ...records] = parseCsv(await readFile(await download.path(), 'utf8'));
  if (head.join() !== 'sku,name,category,on_hand,reorder_point,max_stock,updated_at') throw new Error(`header: ${head}`);
  if (records.length !== low.total) throw new Error(`the CSV has ${records.length} rows; X-Total-Count is ${low.total}`);
  const bad = records.find(([, , , onHand, reorder]) => reorder === '' || Number(onHand) > Number(reorder));
  if (bad) throw new Error(`the CSV holds ${bad[0]}, which is not low`);
});

await step('sorting by a header is done by the API and pages follow it', async () => {
  await page.getByLabel('Low stock only').uncheck();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('low'));
  const onHand = page.getByRole('columnheader', { name: 'On hand', exact: true });
  await onHand.getByRole('button').click();
  await onHand.getByRole('button').click();
  await waitForUrl('sort', '-on_hand');
  if ((await onHand.getAttribute('aria-sort')) !== 'descending') throw new Error('the header is not marked descending');
  await waitForList(await listed(`sort=-on_hand&limit=${PAGE}`));
  await page.getByRole('button', { name: 'Next' }).click();
  await waitForUrl('page', '2');
  await waitForList(await listed(`sort=-on_hand&limit=${PAGE}&offset=${PAGE}`), PAGE);
  await page.getByRole('button', { name: 'Previous' }).click();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('page'));
});

await step('the movements panel shows the receipt just posted, opened with the keyboard', async () => {
  const [{ sku, name }] = (await listed('limit=1&sort=name')).rows;
  const reference = `e2e-${Date.now()}`;
  const posted = await apiFetch(`/api/stores/${STORE}/movements`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'receipt', sku, qty: 12, reference }),
  });
  if (posted.status !== 201) throw new Error(`POST /api/stores/${STORE}/movements gave ${posted.status}`);
  await page.getByLabel('Search SKUs').fill(sku);
  await waitForList(await listed(`q=${sku}&sort=-on_hand&limit=${PAGE}`));
  await page.getByRole('button', { name: `${sku} ${name}: movements` }).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Stock movements' });
  await panel.waitFor({ timeout: 10000 });
  await waitForUrl('sku', sku);
  const newest = panel.locator('tbody tr').first();
  await newest.waitFor({ timeout: 10000 });
  const text = await newest.textContent();
  for (const part of ['Receipt', '+12', reference, 'e2e']) {
    if (!text.includes(part)) throw new Error(`the newest movement reads "${text}", without ${part}`);
  }
  const [latest] = await api(`/api/stores/${STORE}/movements?sku=${sku}&limit=1`);
  if ((await newest.getAttribute('data-movement')) !== String(latest.id)) throw new Error('the newest row is not the API\'s newest movement');
  await screenshots(page, 'inventory-movements', () => panel.locator('tbody tr').first().waitFor());
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('sku'));
});

await step('"Older" pages a SKU\'s movements with before_id', async () => {
  const ledger = await api(`/api/stores/${STORE}/movements?limit=1000`);
  const perSku = new Map();
  for (const m of ledger) perSku.set(m.sku, (perSku.get(m.sku) ?? 0) + 1);
  const [busiest, n] = [...perSku].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (!(n > 20)) throw new Error(`no SKU of ${STORE} has more than a page (20) of movements`);
  await page.goto(`${BASE}/inventory?store=${STORE}&q=${busiest}&sku=${busiest}`);
  const panel = page.getByRole('dialog', { name: 'Stock movements' });
  await panel.locator('tbody tr').nth(19).waitFor({ timeout: 10000 });
  const firstPage = await api(`/api/stores/${STORE}/movements?sku=${busiest}&limit=20`);
  const secondPage = await api(`/api/stores/${STORE}/movements?sku=${busiest}&limit=20&before_id=${firstPage.at(-1).id}`);
  await panel.getByRole('button', { name: 'Older' }).click();
  const wanted = [...firstPage, ...secondPage].map((m) => String(m.id));
  await page.waitForFunction((ids) => [...document.querySelectorAll('[role=dialog] tbody tr')]
    .map((row) => row.dataset.movement).join() === ids.join(), wanted, { timeout: 10000 });
});

await step('the URL restores every control', async () => {
  const category = (await api('/api/skus?limit=1'))[0].category;
  await page.goto(`${BASE}/inventory?store=BLR-002&q=a&category=${encodeURIComponent(category)}&out=1&sort=-updated_at&page=1`);
  const filtered = await apiFetch(`/api/stores/BLR-002/inventory?q=a&category=${encodeURIComponent(category)}&out_of_stock=true&sort=-updated_at&limit=${PAGE}`);
  const rows = await filtered.json();
  const total = Number(filtered.headers.get('X-Total-Count'));
  await page.waitForFunction((text) => document.querySelector('.pager__count')?.textContent === text, spanText(0, rows.length, total), { timeout: 10000 });
  const values = [
    await page.getByLabel('Store').inputValue(),
    await page.getByLabel('Search SKUs').inputValue(),
    await page.getByLabel('Category').inputValue(),
    String(await page.getByLabel('Out of stock only').isChecked()),
    await page.getByRole('columnheader', { name: 'Updated', exact: true }).getAttribute('aria-sort'),
  ];
  if (values.join() !== ['BLR-002', 'a', category, 'true', 'descending'].join()) throw new Error(`restored ${values}`);
  const shown = await shownSkus();
  if (shown.join() !== rows.map((row) => row.sku).join()) throw new Error(`the page shows ${shown.slice(0, 5)}…`);
});

await finish();
