// The Stores page in Debian's Chromium against the real API, which tests/e2e/test_dashboard.py starts on a
// database holding the demo data. Every number checked is the API's own. Screenshots: e2e/artifacts/stores-*.png.
import { api, ARTIFACTS, BASE, launch, screenshots, steps } from './browser.mjs';

const context = await launch();
const { step, finish } = steps(context);
const page = context.pages()[0] ?? (await context.newPage());

const count = (n) => n.toLocaleString('en-IN');
const stores = await api('/api/stores?city=BLR');
const health = new Map((await api('/api/inventory/health?city=BLR')).map((h) => [h.store_code, h]));
if (stores.length === 0) throw new Error('the demo data has no Bengaluru stores');

/** The table's rows as the page shows them: code and the text of each cell, by column header. */
const shownRows = () => page.$$eval('table.store-table tbody tr[data-store]', (rows) => {
  const headers = [...document.querySelectorAll('table.store-table thead th')].map((th) => th.textContent.replace(/[▲▼]/g, '').trim());
  return rows.map((row) => {
    const cells = Object.fromEntries([...row.children].map((cell, i) => [headers[i] || 'Links', cell.textContent.trim()]));
    return { code: row.dataset.store, cells };
  });
});
const waitForCodes = (codes) => page.waitForFunction((wanted) => [...document.querySelectorAll('table.store-table tbody tr[data-store]')]
  .map((row) => row.dataset.store).join() === wanted.join(), codes, { timeout: 10000 });
const header = (name) => page.getByRole('columnheader', { name, exact: true });
/** Stores by their number of SKUs out of stock (ties by code), as the page sorts them. */
const byOutOfStock = (list, healthOf, descending) => [...list].sort((a, b) =>
  (healthOf.get(a.code).out_of_stock - healthOf.get(b.code).out_of_stock) * (descending ? -1 : 1) || a.code.localeCompare(b.code));

await step('the table lists every Bengaluru store of the API with the API\'s numbers', async () => {
  await page.goto(`${BASE}/stores?city=BLR`);
  const codes = stores.map((s) => s.code).sort();
  await waitForCodes(codes);
  // stock health arrives in its own request: wait until every count is in
  await page.waitForFunction(() => ![...document.querySelectorAll('table.store-table tbody td.num')].some((td) => td.textContent === '–'));
  for (const { code, cells } of await shownRows()) {
    const store = stores.find((s) => s.code === code);
    const h = health.get(code);
    const expected = {
      Name: store.name,
      SKUs: count(h.skus),
      'At/below reorder point': count(h.below_reorder_point),
      'Out of stock': count(h.out_of_stock),
    };
    for (const [column, value] of Object.entries(expected)) {
      if (cells[column] !== value) throw new Error(`${code} ${column}: the page shows ${cells[column]}, the API ${value}`);
    }
    if (!cells['Pincodes served'].startsWith(String(store.pincodes.length))) {
      throw new Error(`${code} serves ${store.pincodes.length} pincodes; the page shows "${cells['Pincodes served']}"`);
    }
    const share = `${Math.round((h.below_reorder_point / h.skus) * 100)}%`;
    if (!cells['Share low'].startsWith(share)) throw new Error(`${code} share low: ${cells['Share low']}, wanted ${share}`);
  }
  const caption = await page.locator('table.store-table caption').textContent();
  if (caption !== `${stores.length} stores in Bengaluru`) throw new Error(`caption: ${caption}`);
  await screenshots(page, 'stores', () => page.locator('table.store-table tbody tr').first().waitFor());
});

await step('sorting by "Out of stock" puts the API\'s most out of stock first, and the URL keeps it', async () => {
  await header('Out of stock').getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"]')?.textContent.includes('Out of stock'));
  await waitForCodes(byOutOfStock(stores, health, true).map((s) => s.code));
  const [first] = await shownRows();
  const max = Math.max(...[...health.values()].map((h) => h.out_of_stock));
  if (first.cells['Out of stock'] !== count(max)) throw new Error(`first row has ${first.cells['Out of stock']} out; the API's max is ${max}`);
  if (!page.url().includes('sort=-out')) throw new Error(`the URL does not hold the sort: ${page.url()}`);
  await header('Out of stock').getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"]')?.textContent.includes('Out of stock'));
  await waitForCodes(byOutOfStock(stores, health, false).map((s) => s.code));
  await page.screenshot({ path: `${ARTIFACTS}stores-sorted-desktop.png` });
});

await step('search narrows the rows to matching stores, and a reload restores the view', async () => {
  const target = stores[stores.length - 1];
  const word = target.name.split(/\W+/).reduce((a, b) => (b.length > a.length ? b : a)); // its longest word
  await page.getByLabel('Search stores').fill(word.toLowerCase());
  const matching = byOutOfStock(
    stores.filter((s) => s.code.toLowerCase().includes(word.toLowerCase()) || s.name.toLowerCase().includes(word.toLowerCase())),
    health,
    false,
  );
  await waitForCodes(matching.map((s) => s.code));
  const url = page.url();
  if (new URL(url).searchParams.get('q') !== word.toLowerCase()) throw new Error(`the URL does not hold the search: ${url}`);
  await page.reload();
  await waitForCodes(matching.map((s) => s.code));
  if ((await page.getByLabel('Search stores').inputValue()) !== word.toLowerCase()) throw new Error('the search box was not restored');
  await page.getByLabel('Search stores').fill('');
});

await step('another city lists its own stores, in the sort kept from before', async () => {
  const delhi = await api('/api/stores?city=DEL');
  const delhiHealth = new Map((await api('/api/inventory/health?city=DEL')).map((h) => [h.store_code, h]));
  await page.getByLabel('City').selectOption('DEL');
  await waitForCodes(byOutOfStock(delhi, delhiHealth, false).map((s) => s.code));
  if (!page.url().includes('city=DEL')) throw new Error(`the URL does not hold the city: ${page.url()}`);
});

await step('a row links to its store\'s inventory and to the map centred on the store', async () => {
  const store = stores[0];
  await page.goto(`${BASE}/stores?city=BLR`);
  await page.getByRole('link', { name: `Inventory of ${store.code}` }).click();
  await page.waitForURL((url) => url.pathname === '/inventory' && url.searchParams.get('store') === store.code);
  await page.locator(`table.inventory-table tbody tr[data-sku]`).first().waitFor({ timeout: 10000 });
  await page.goBack();
  await page.getByRole('link', { name: `${store.code} on the map` }).click();
  await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('city') === 'BLR');
  await page.waitForFunction(() => document.querySelectorAll('path.store-marker').length > 0, null, { timeout: 15000 });
  const url = new URL(page.url());
  const [lat, lng, zoom] = ['lat', 'lng', 'zoom'].map((key) => Number(url.searchParams.get(key)));
  if (Math.abs(lat - store.lat) > 0.01 || Math.abs(lng - store.lng) > 0.01 || zoom < 13) {
    throw new Error(`the map rests at ${lat}, ${lng} zoom ${zoom}; the store is at ${store.lat}, ${store.lng}`);
  }
});

await finish();
