// The Forecasts page in Debian's Chromium against the real API, which tests/e2e/test_dashboard.py starts on a
// database holding the demo data and a forecast run. Every number checked is the API's own. Screenshots:
// e2e/artifacts/forecasts-*.png.
import { api, apiFetch, BASE, DESKTOP, launch, PHONE, screenshots, steps } from './browser.mjs';

const context = await launch();
const { step, finish } = steps(context);
const page = context.pages()[0] ?? (await context.newPage());

const oneDecimal = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const asPercent = (ratio) => (ratio === null ? '–' : `${oneDecimal.format(ratio * 100)}%`);
const count = (n) => n.toLocaleString('en-IN');

/** A page of GET /api/forecasts/series and its X-Total-Count. */
async function listed(query) {
  const response = await apiFetch(`/api/forecasts/series?${query}`);
  if (!response.ok) throw new Error(`GET /api/forecasts/series?${query} gave ${response.status}`);
  return { ids: (await response.json()).map((row) => `${row.store}:${row.sku}`), total: Number(response.headers.get('X-Total-Count')) };
}

const shownSeries = () => page.$$eval('tr.series-row', (rows) => rows.map((row) => row.dataset.series));
const sameList = (what, shown, wanted) => {
  if (shown.join() !== wanted.join()) throw new Error(`${what}: the page shows ${shown.slice(0, 5)}… the API ${wanted.slice(0, 5)}…`);
};
async function waitForSeries(wanted) {
  await page.waitForFunction((ids) => [...document.querySelectorAll('tr.series-row')]
    .map((row) => row.dataset.series).join() === ids.join(), wanted, { timeout: 10000 });
}
const header = (name) => page.locator('table.series-table th', { hasText: name });
const rowButton = (id) => page.locator(`tr.series-row[data-series="${id}"] button.series-row__pick`);
const detail = page.locator('.series-detail');

/** The chart of `id` (STORE:SKU) is drawn with both bands, and beside it the model the API gives. */
async function expectChartOf(id) {
  const [store, sku] = id.split(':');
  await page.getByRole('region', { name: new RegExp(`${sku} at ${store}`) }).waitFor({ timeout: 10000 });
  await detail.locator('svg.forecast-chart').waitFor({ timeout: 10000 });
  for (const band of ['band80', 'band95']) {
    const d = await detail.locator(`path.forecast-chart__${band}`).getAttribute('d');
    if (!/^M.+Z$/.test(d ?? '')) throw new Error(`the ${band} path of ${id} is ${JSON.stringify(d)}`);
  }
  const forecast = await api(`/api/forecasts?store=${store}&sku=${sku}`);
  const model = (await detail.locator('.series-facts__model').textContent())?.trim();
  if (model !== forecast.model) throw new Error(`${id}: the page says model ${model}, the API ${forecast.model}`);
  // the demand of the next days, from the run's lead-time quantiles
  const days = Math.min(7, forecast.points.length);
  const facts = (await detail.locator('.series-facts').textContent()) ?? '';
  const lead = forecast.points[days - 1];
  if (lead?.lead_mean == null || lead?.lead_q90 == null) throw new Error(`${id}: the API gives no lead-time demand`);
  if (!facts.includes(`Next ${days} days`) || !facts.includes('9 times in 10 at most')) {
    throw new Error(`${id}: no demand of the next ${days} days beside the chart: ${facts}`);
  }
  return forecast;
}

const accuracy = await api('/api/forecasts/accuracy');
const runs = await api('/api/forecasts/runs?limit=5');

await step('the accuracy table shows the API\'s models and WAPE values', async () => {
  await page.goto(`${BASE}/forecasts`);
  const section = page.getByRole('region', { name: 'Accuracy by model' });
  if (accuracy.overall.series > 0) {
    await section.locator('tfoot tr').waitFor({ timeout: 10000 });
    await section.locator('tr.accuracy__model').first().waitFor({ timeout: 10000 });
    const shown = await section.locator('tr.accuracy__model').evaluateAll((rows) =>
      rows.map((row) => [row.dataset.model, row.querySelector('.accuracy__wape')?.textContent?.trim()]));
    const wanted = Object.entries(accuracy.models).map(([model, row]) => [model, asPercent(row.wape)]);
    if (JSON.stringify(shown) !== JSON.stringify(wanted)) throw new Error(`shown ${JSON.stringify(shown)}, API ${JSON.stringify(wanted)}`);
    const overall = await section.locator('tfoot .accuracy__wape').textContent();
    if (overall?.trim() !== asPercent(accuracy.overall.wape)) throw new Error(`overall WAPE ${overall}`);
    console.log(`     ${shown.map(([m, w]) => `${m} ${w}`).join(', ')}; overall ${overall}`);
  } else {
    // Too little history for any backtest: the page says so, with the API's reasons and counts.
    const none = section.locator('.accuracy__none');
    await none.waitFor({ timeout: 10000 });
    const text = await none.textContent();
    for (const [reason, n] of Object.entries(accuracy.not_backtested)) {
      if (!text?.includes(`${count(n)} ${reason}`)) throw new Error(`"${text}" lacks ${n} ${reason}`);
    }
    if (await section.locator('tr.accuracy__model').count()) throw new Error('model rows without a backtest');
    console.log(`     no series backtested: ${text?.trim()}`);
  }
});

await step('the runs list shows the API\'s latest runs', async () => {
  const rows = page.locator('tr.run');
  await rows.first().waitFor();
  if ((await rows.count()) !== runs.length) throw new Error(`${await rows.count()} rows for ${runs.length} runs`);
  const first = await rows.first().textContent();
  if (!first?.includes(`#${runs[0].id}`) || (await rows.first().getAttribute('data-status')) !== runs[0].status) {
    throw new Error(`first run row "${first}" is not run ${runs[0].id} (${runs[0].status})`);
  }
});

await step('the series table lists the API\'s series in its order, with its total', async () => {
  const { ids, total } = await listed('limit=25');
  await waitForSeries(ids);
  const pager = await page.locator('.page-nav__status').textContent();
  if (!pager?.includes(`of ${count(total)}`)) throw new Error(`pager "${pager}", total ${total}`);
  // nothing picked yet: the first row's forecast is shown
  await expectChartOf(ids[0]);
});

await step('a header sorts (aria-sort), Next pages, and the URL keeps both', async () => {
  await header('WAPE').getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('table.series-table th[aria-sort="descending"]')?.textContent?.startsWith('WAPE'));
  await waitForSeries((await listed('sort=-wape&limit=25')).ids);
  await page.getByRole('button', { name: 'Next' }).click();
  await waitForSeries((await listed('sort=-wape&limit=25&offset=25')).ids);
  const search = new URL(page.url()).searchParams;
  if (search.get('sort') !== '-wape' || search.get('page') !== '2') throw new Error(`URL ${page.url()}`);
});

const stores = await api('/api/stores?city=BLR');
const store = stores[1]?.code ?? stores[0].code;
const firstOfStore = (await listed(`store=${store}&limit=1`)).ids[0];
const term = firstOfStore.split(':')[1].split('-')[0].toLowerCase(); // its category's SKU prefix, e.g. "dai"
const query = `store=${store}&q=${term}&sort=-wape&limit=25`;
let filtered = [];

await step('a store and a search narrow the list to what the API lists, from page 1', async () => {
  await page.getByLabel('Store').selectOption(store);
  await page.getByLabel('Search SKU').fill(term);
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, term, { timeout: 5000 });
  const { ids, total } = await listed(query);
  await waitForSeries(ids);
  if (new URL(page.url()).searchParams.get('page')) throw new Error(`still on a later page: ${page.url()}`);
  if (ids.length < 3) throw new Error(`only ${ids.length} series of ${store} match "${term}"`);
  const pager = await page.locator('.page-nav__status').textContent();
  if (!pager?.includes(`of ${count(total)}`)) throw new Error(`pager "${pager}", total ${total}`);
  filtered = ids;
  console.log(`     ${store} × "${term}": ${total} series`);
});

await step('picking a series draws its forecast with both bands and the API\'s model', async () => {
  sameList('before picking', await shownSeries(), filtered);
  await rowButton(filtered[1]).click();
  await page.waitForFunction((id) => new URLSearchParams(location.search).get('series') === id, filtered[1]);
  const forecast = await expectChartOf(filtered[1]);
  if ((await rowButton(filtered[1]).getAttribute('aria-pressed')) !== 'true') throw new Error('the row is not marked picked');
  console.log(`     ${filtered[1]}: model ${forecast.model} (${forecast.reason}), ${forecast.points.length} days ahead`);
});

await step('the keyboard moves between rows and picks one', async () => {
  await rowButton(filtered[1]).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => new URLSearchParams(location.search).get('series') === id, filtered[2]);
  await expectChartOf(filtered[2]);
});

await step('the URL restores the filters, sort and chosen series after a reload', async () => {
  await page.reload();
  await expectChartOf(filtered[2]);
  await waitForSeries(filtered);
  const restored = [await page.getByLabel('Store').inputValue(), await page.getByLabel('Search SKU').inputValue(),
    await header('WAPE').getAttribute('aria-sort'), await rowButton(filtered[2]).getAttribute('aria-pressed')];
  if (restored.join() !== [store, term, 'descending', 'true'].join()) throw new Error(`restored ${restored}`);
});

await step('screenshots at desktop and phone size; nothing wider than a phone', async () => {
  const top = async () => {
    await page.locator('main.page').evaluate((main) => main.scrollTo(0, 0));
    await detail.locator('svg.forecast-chart').waitFor();
  };
  const chart = async () => {
    await detail.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(200);
  };
  await top();
  await screenshots(page, 'forecasts', top);
  await chart();
  await screenshots(page, 'forecasts-series', chart);
  await page.setViewportSize(PHONE);
  await top();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(DESKTOP);
  if (width > PHONE.width) throw new Error(`the page is ${width} px wide on a ${PHONE.width} px phone`);
});

await finish();
