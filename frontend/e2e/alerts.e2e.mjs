// The Alerts page in Debian's Chromium against the real API, which tests/e2e/test_dashboard.py starts on a
// database holding the demo data, a planner run and an alert evaluation. Every number checked is the API's
// own: the open alerts and their counts per kind (X-Total-Count), the navigation's count; one alert is
// acknowledged through the UI and moves to the acknowledged ones. Screenshots: e2e/artifacts/alerts-*.png.
import { api, apiFetch, BASE, CREDENTIALS, DESKTOP, launch, PHONE, screenshots, steps } from './browser.mjs';

const context = await launch();
const { step, finish } = steps(context);
const page = context.pages()[0] ?? (await context.newPage());

const KINDS = ['low_stock', 'out_of_stock', 'overstock', 'demand_anomaly'];
const count = (n) => n.toLocaleString('en-IN');
const zoned = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Kolkata', timeZoneName: 'short' });

/** A page of GET /api/alerts?… and its X-Total-Count. */
async function listed(query) {
  const response = await apiFetch(`/api/alerts?${query}`);
  if (!response.ok) throw new Error(`GET /api/alerts?${query} gave ${response.status}`);
  return { rows: await response.json(), total: Number(response.headers.get('X-Total-Count')) };
}
const shownIds = () => page.$$eval('tr.alert-row', (rows) => rows.map((row) => Number(row.dataset.alert)));
async function waitForIds(ids) {
  await page.waitForFunction((wanted) => [...document.querySelectorAll('tr.alert-row')].map((r) => Number(r.dataset.alert)).join() === wanted.join(),
    ids, { timeout: 15000 }).catch(async () => {
    throw new Error(`the page shows ${(await shownIds()).slice(0, 5)}…, the API ${ids.slice(0, 5)}…`);
  });
}
const kindCount = (kind) => page.locator(`.kind-count[data-kind="${kind}"] .kind-count__n`).textContent();

const open = await listed('status=open&limit=50');
if (open.total === 0) throw new Error('the alert evaluation opened no alert');

await step('open alerts by default, in the API\'s order, with its total, and the count in the navigation', async () => {
  await page.goto(`${BASE}/alerts`);
  await waitForIds(open.rows.map((a) => a.id));
  const pager = await page.locator('.page-nav__status').textContent();
  if (!pager.includes(`of ${count(open.total)}`)) throw new Error(`pager "${pager}", ${open.total} open`);
  const link = page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: `Alerts, ${count(open.total)} open` });
  await link.waitFor({ timeout: 10000 });
  console.log(`     ${open.total} open alerts`);
});

await step('the counts per kind are the API\'s', async () => {
  for (const kind of KINDS) {
    const { total } = await listed(`status=open&kind=${kind}&limit=1`);
    await page.waitForFunction(([k, text]) => document.querySelector(`.kind-count[data-kind="${k}"] .kind-count__n`)?.textContent === text,
      [kind, count(total)], { timeout: 10000 }).catch(async () => {
      throw new Error(`${kind}: the page says ${await kindCount(kind)}, the API ${total}`);
    });
  }
});

await step('a low-stock alert with a forecast shows its estimated stock-out in store time', async () => {
  // Stock-outs are estimated from forecasts: the forecast city's stores.
  let dated;
  for (const store of await api('/api/stores?city=BLR')) {
    dated = (await listed(`status=open&kind=low_stock&store=${store.code}&limit=500`)).rows.find((a) => a.stockout_at);
    if (dated) break;
  }
  if (!dated) {
    console.log('     no low-stock alert has a stock-out estimate');
    return;
  }
  await page.goto(`${BASE}/alerts?kind=low_stock&store=${dated.store_code}`);
  const cell = page.locator(`tr.alert-row[data-alert="${dated.id}"] td.alert-row__stockout`);
  await cell.waitFor({ timeout: 15000 });
  if ((await cell.textContent()) !== zoned.format(new Date(dated.stockout_at))) throw new Error(`stock-out "${await cell.textContent()}", API ${dated.stockout_at}`);
  console.log(`     #${dated.id} ${dated.store_code} ${dated.sku}: ${dated.message}; runs out ${await cell.textContent()}`);
});

let acked = null;

await step('acknowledging an open alert takes it out of the open ones', async () => {
  await page.goto(`${BASE}/alerts?kind=out_of_stock`);
  const { rows } = await listed('status=open&kind=out_of_stock&limit=50');
  const kind = rows.length ? 'out_of_stock' : 'low_stock';
  if (!rows.length) await page.goto(`${BASE}/alerts?kind=low_stock`);
  const before = rows.length ? rows : (await listed('status=open&kind=low_stock&limit=50')).rows;
  [acked] = before;
  await waitForIds(before.map((a) => a.id));
  const before_kind = await kindCount(kind);
  await page.getByRole('button', { name: new RegExp(`^Acknowledge alert ${acked.id}:`) }).click();
  await page.getByText(`Alert #${acked.id} acknowledged by ${CREDENTIALS.username}.`).waitFor({ timeout: 10000 });
  await waitForIds((await listed(`status=open&kind=${kind}&limit=50`)).rows.map((a) => a.id));
  if ((await shownIds()).includes(acked.id)) throw new Error(`alert ${acked.id} is still listed as open`);
  await page.waitForFunction(([k, text]) => document.querySelector(`.kind-count[data-kind="${k}"] .kind-count__n`)?.textContent !== text,
    [kind, before_kind], { timeout: 10000 });
  const [api_alert] = (await listed(`status=acknowledged&kind=${kind}&store=${acked.store_code}&limit=500`)).rows.filter((a) => a.id === acked.id);
  if (!api_alert || api_alert.acknowledged_by !== CREDENTIALS.username) throw new Error(`the API has alert ${acked.id} as ${JSON.stringify(api_alert)}`);
  console.log(`     #${acked.id} ${acked.kind} ${acked.store_code} ${acked.sku}: ${before_kind} → ${await kindCount(kind)} open of its kind`);
});

await step('the acknowledged filter lists it, with who and when; the URL keeps the filters', async () => {
  await page.getByLabel('Status', { exact: true }).selectOption('acknowledged');
  await page.getByLabel('Store', { exact: true }).selectOption(acked.store_code);
  await page.waitForFunction((s) => new URLSearchParams(location.search).get('store') === s, acked.store_code);
  const row = page.locator(`tr.alert-row[data-alert="${acked.id}"]`);
  await row.waitFor({ timeout: 10000 });
  const text = await row.textContent();
  if (!text.includes('Acknowledged') || !text.includes(`by ${CREDENTIALS.username}`)) throw new Error(`the row reads "${text}"`);
  const search = new URL(page.url()).searchParams;
  if (search.get('status') !== 'acknowledged' || search.get('store') !== acked.store_code) throw new Error(`URL ${page.url()}`);
  await page.reload();
  await row.waitFor({ timeout: 10000 });
  const restored = [await page.getByLabel('Status', { exact: true }).inputValue(), await page.getByLabel('Kind', { exact: true }).inputValue(),
    await page.getByLabel('Store', { exact: true }).inputValue()];
  if (restored.join() !== ['acknowledged', acked.kind, acked.store_code].join()) throw new Error(`restored ${restored}`);
  if ((await row.getByRole('button').count()) !== 0) throw new Error('an acknowledged alert offers a button');
});

await step('the page is live (the stream is open)', async () => {
  await page.locator('[data-live="on"]').waitFor({ timeout: 15000 });
});

await step('screenshots at desktop and phone size; nothing wider than a phone', async () => {
  await page.goto(`${BASE}/alerts`);
  const ready = () => page.locator('tr.alert-row').first().waitFor({ timeout: 15000 });
  await ready();
  await page.waitForFunction(() => [...document.querySelectorAll('.kind-count__n')].every((n) => n.textContent !== '…'));
  await screenshots(page, 'alerts', ready);
  await page.setViewportSize(PHONE);
  await ready();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(DESKTOP);
  if (width > PHONE.width) throw new Error(`the page is ${width} px wide on a ${PHONE.width} px phone`);
});

await finish();
