// The Restock plans page in Debian's Chromium against the real API, which tests/e2e/test_dashboard.py starts on
// a database holding the demo data, a planner run and an alert evaluation. A real plan's life through the UI:
// approved (if it was a draft), dispatched, received in part, then closed with the rest written off; the page's
// status and history are checked against the API's, and the store's stock against GET /api/stores/{code}/
// inventory. Also the planner run, the hubs and a transfer suggestion executed. Screenshots:
// e2e/artifacts/plans-*.png, plans-detail-*.png.
import { api, apiFetch, BASE, CREDENTIALS, DESKTOP, launch, PHONE, screenshots, steps } from './browser.mjs';

const context = await launch();
const { step, finish } = steps(context);
const page = context.pages()[0] ?? (await context.newPage());

const LABEL = { draft: 'Draft', approved: 'Approved', dispatched: 'Dispatched', partially_received: 'Partially received', closed: 'Closed', cancelled: 'Cancelled' };
const zoned = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Kolkata', timeZoneName: 'short' });
const count = (n) => n.toLocaleString('en-IN');

await step('the list shows the API\'s plans, latest wave first, with the wave in store time', async () => {
  const response = await apiFetch(`/api/restock-plans?limit=20`);
  const plans = await response.json();
  await page.goto(`${BASE}/plans`);
  await page.waitForFunction((ids) => [...document.querySelectorAll('tr.plan-row')].map((r) => r.dataset.plan).join() === ids.join(),
    plans.map((p) => String(p.id)), { timeout: 15000 });
  const wave = await page.locator('tr.plan-row').first().locator('.plan-row__wave').textContent();
  if (wave !== zoned.format(new Date(plans[0].wave_at))) throw new Error(`wave shown "${wave}", API ${plans[0].wave_at}`);
  const pager = await page.locator('.page-nav__status').textContent();
  if (!pager.includes(`of ${count(Number(response.headers.get('X-Total-Count')))}`)) throw new Error(`pager "${pager}"`);
});

await step('"Run planner now" plans the next wave and says what it did', async () => {
  await page.getByRole('button', { name: 'Run planner now' }).click();
  const summary = page.locator('.run-summary');
  await summary.waitFor({ timeout: 60000 });
  const text = await summary.textContent();
  if (!/^×Planner run done\. .*\d+ stores.*: [\d,]+ units on [\d,]+ lines\.$/.test(text)) throw new Error(`summary "${text}"`);
  console.log(`     ${text.replace('×', '')}`);
});

/** The plan to take through its life: an approved one (the demo's stores approve their plans themselves when
 * the hub holds the units), else a draft. */
const [approved] = await api('/api/restock-plans?status=approved&limit=1');
const [draft] = approved ? [] : await api('/api/restock-plans?status=draft&limit=1');
const chosen = approved ?? draft;
if (!chosen) throw new Error('the planner left no draft or approved plan');
const ID = chosen.id;
const STORE = chosen.store_code;
const biggest = [...chosen.lines].sort((a, b) => b.qty - a.qty || a.sku.localeCompare(b.sku))[0];
if (!biggest || biggest.qty < 3) throw new Error(`plan ${ID}'s largest line has ${biggest?.qty} units: too few to receive in parts`);
const SKU = biggest.sku;
console.log(`     plan #${ID} of ${STORE} (${chosen.status}, ${chosen.lines.length} lines, ${chosen.units} units); ${SKU} × ${biggest.qty}`);

const detail = page.locator(`.plan-detail[data-plan="${ID}"]`);
const shownStatus = () => detail.locator('.plan-detail__title [data-status]').getAttribute('data-status');
async function waitForStatus(status) {
  await page.waitForFunction(([id, s]) => document.querySelector(`.plan-detail[data-plan="${id}"] .plan-detail__title [data-status]`)
    ?.getAttribute('data-status') === s, [ID, status], { timeout: 15000 });
}
/** The page's history equals the API's: each status, who, when (store time) and the note. */
async function expectHistoryOfApi() {
  const plan = await api(`/api/restock-plans/${ID}`);
  const wanted = plan.history.map((e) => `${LABEL[e.status]}${e.actor}${zoned.format(new Date(e.at))}${e.note}`);
  await page.waitForFunction(([id, texts]) => [...document.querySelectorAll(`.plan-detail[data-plan="${id}"] .plan-history__event`)]
    .map((li) => li.textContent).join('|') === texts.join('|'), [ID, wanted], { timeout: 10000 })
    .catch(async () => {
      const shown = await detail.locator('.plan-history__event').allTextContents();
      throw new Error(`history shown ${JSON.stringify(shown)}, the API's ${JSON.stringify(wanted)}`);
    });
  return plan;
}
/** The store's on-hand units of the SKU, as curl would ask. */
async function onHand(sku) {
  const rows = await api(`/api/stores/${STORE}/inventory?q=${encodeURIComponent(sku)}&limit=50`);
  const row = rows.find((r) => r.sku === sku);
  if (!row) throw new Error(`${STORE} has no stock row of ${sku}`);
  return row.on_hand;
}
const click = (name) => detail.getByRole('button', { name, exact: true }).click();

await step('the store filter keeps the plan listed; opening it shows its lines (largest first) and legal actions', async () => {
  await page.getByLabel('Store', { exact: true }).selectOption(STORE);
  await page.waitForFunction((s) => new URLSearchParams(location.search).get('store') === s, STORE);
  await page.getByRole('button', { name: new RegExp(`^Plan ${ID} of `) }).click();
  await detail.waitFor({ timeout: 10000 });
  await page.waitForFunction((id) => new URLSearchParams(location.search).get('plan') === String(id), ID);
  const plan = await api(`/api/restock-plans/${ID}`);
  const wanted = [...plan.lines].sort((a, b) => b.qty - a.qty || a.sku.localeCompare(b.sku)).map((l) => l.sku);
  const shown = await detail.locator('tbody.plan-line').evaluateAll((rows) => rows.map((r) => r.dataset.sku));
  if (shown.join() !== wanted.join()) throw new Error(`lines shown ${shown.slice(0, 5)}…, API ${wanted.slice(0, 5)}…`);
  const reason = await detail.locator(`tbody.plan-line[data-sku="${SKU}"] .plan-line__reason`).textContent();
  if (reason !== biggest.reason) throw new Error(`reason "${reason}", API "${biggest.reason}"`);
  const buttons = await detail.locator('.plan-actions__buttons button').allTextContents();
  const legal = plan.status === 'draft' ? ['Approve', 'Cancel plan'] : ['Dispatch', 'Cancel plan'];
  if (buttons.join() !== legal.join()) throw new Error(`buttons ${buttons} for a ${plan.status} plan`);
  await expectHistoryOfApi();
});

await step('approve (a draft) and dispatch: the status and history follow, the API agrees', async () => {
  if ((await shownStatus()) === 'draft') {
    await click('Approve');
    await waitForStatus('approved');
  }
  await click('Dispatch');
  await waitForStatus('dispatched');
  const plan = await expectHistoryOfApi();
  if (plan.status !== 'dispatched' || plan.history.at(-1).actor !== CREDENTIALS.username) throw new Error(`API: ${plan.status} by ${plan.history.at(-1).actor}`);
  const status = await detail.getByRole('status').textContent();
  if (status !== `Plan #${ID} is dispatched.`) throw new Error(`status message "${status}"`);
});

const PART = Math.floor(biggest.qty / 2);
let before = 0;

await step('a partial receipt (the form prefilled with what is owed) moves stock into the store', async () => {
  before = await onHand(SKU);
  await click('Receive');
  const input = detail.getByLabel(`Received ${SKU}`, { exact: true });
  if ((await input.inputValue()) !== String(biggest.qty)) throw new Error(`${SKU} prefilled with ${await input.inputValue()}, owed ${biggest.qty}`);
  await input.fill(String(PART));
  await detail.getByRole('button', { name: /^Receive [\d,]+ units$/ }).click();
  await waitForStatus('partially_received');
  const plan = await expectHistoryOfApi();
  const line = plan.lines.find((l) => l.sku === SKU);
  if (line.received !== PART) throw new Error(`API: ${line.received} of ${SKU} received, not ${PART}`);
  const received = await detail.locator(`tbody.plan-line[data-sku="${SKU}"] .plan-line__received`).textContent();
  if (received !== count(PART)) throw new Error(`the page shows ${received} received`);
  const after = await onHand(SKU);
  if (after !== before + PART) throw new Error(`${STORE} holds ${after} of ${SKU}; it held ${before} and ${PART} arrived`);
  console.log(`     ${STORE} ${SKU}: ${before} → ${after} on hand`);
  before = after;
});

await step('screenshots of the open plan at desktop and phone size; nothing wider than a phone', async () => {
  const ready = () => detail.locator('tbody.plan-line').first().waitFor();
  await detail.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await screenshots(page, 'plans-detail', async () => {
    await ready();
    await detail.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  });
  await page.setViewportSize(PHONE);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(DESKTOP);
  if (width > PHONE.width) throw new Error(`the page is ${width} px wide on a ${PHONE.width} px phone`);
});

await step('closing with one more unit writes the rest off: closed, and the API and the stock agree', async () => {
  await click('Receive');
  const input = detail.getByLabel(`Received ${SKU}`, { exact: true });
  const owed = biggest.qty - PART;
  if ((await input.inputValue()) !== String(owed)) throw new Error(`${SKU} prefilled with ${await input.inputValue()}, owed ${owed}`);
  await input.fill('1');
  await detail.getByLabel('Close the plan: nothing more will arrive').check();
  await detail.getByLabel('What did not arrive is').selectOption('write_off');
  await detail.getByRole('button', { name: 'Receive 1 unit and close' }).click();
  await waitForStatus('closed');
  const plan = await expectHistoryOfApi();
  const line = plan.lines.find((l) => l.sku === SKU);
  if (plan.status !== 'closed' || line.received !== PART + 1 || line.written_off !== owed - 1) {
    throw new Error(`API: ${plan.status}; ${SKU} received ${line.received}, written off ${line.written_off}`);
  }
  if (!plan.history.at(-1).note.includes('written off')) throw new Error(`closing note "${plan.history.at(-1).note}"`);
  if ((await detail.locator('.plan-actions__buttons').count()) !== 0) throw new Error('a closed plan still offers actions');
  const after = await onHand(SKU);
  if (after !== before + 1) throw new Error(`${STORE} holds ${after} of ${SKU}; it held ${before} and 1 arrived`);
  const row = page.locator(`tr.plan-row[data-plan="${ID}"] [data-status]`);
  await page.waitForFunction((id) => document.querySelector(`tr.plan-row[data-plan="${id}"] [data-status]`)?.getAttribute('data-status') === 'closed', ID);
  console.log(`     closed: ${plan.history.at(-1).note}; the row says ${await row.textContent()}`);
});

await step('a refused transition shows the API\'s message', async () => {
  // Another plan of the store, changed behind the page's back: its buttons are stale, the API says why not.
  const other = (await api(`/api/restock-plans?store=${STORE}&status=approved&limit=1`))[0]
    ?? (await api('/api/restock-plans?status=approved&limit=1'))[0];
  if (!other) {
    console.log('     no other approved plan to try');
    return;
  }
  await page.goto(`${BASE}/plans?store=${other.store_code}&plan=${other.id}`);
  const otherDetail = page.locator(`.plan-detail[data-plan="${other.id}"]`);
  await otherDetail.getByRole('button', { name: 'Dispatch', exact: true }).waitFor({ timeout: 10000 });
  const cancelled = await apiFetch(`/api/restock-plans/${other.id}/cancel`, { method: 'POST' });
  if (!cancelled.ok) throw new Error(`cancelling plan ${other.id} gave ${cancelled.status}`);
  await otherDetail.getByRole('button', { name: 'Dispatch', exact: true }).click();
  const alert = otherDetail.getByRole('alert');
  await alert.waitFor({ timeout: 10000 });
  const text = await alert.textContent();
  if (text !== `restock plan ${other.id} is cancelled: only approved can be dispatched`) throw new Error(`alert "${text}"`);
});

await step('the hubs show the API\'s stock and promised units', async () => {
  await page.goto(`${BASE}/plans`);
  await page.locator('table.hubs-table tbody tr').first().waitFor({ timeout: 10000 });
  const hubs = await api('/api/hubs');
  const shown = await page.locator('table.hubs-table tbody tr').evaluateAll((rows) => rows.map((r) => [r.dataset.hub, r.querySelectorAll('td')[0].textContent, r.querySelectorAll('td')[1].textContent]));
  const wanted = hubs.map((h) => [h.code, count(h.units), count(h.promised_units)]);
  if (JSON.stringify(shown) !== JSON.stringify(wanted)) throw new Error(`hubs shown ${JSON.stringify(shown)}, API ${JSON.stringify(wanted)}`);
});

await step('executing a transfer suggestion moves the units between the stores', async () => {
  const suggestions = await api('/api/transfers/suggestions');
  if (suggestions.length === 0) {
    await page.getByText('No transfer would save a sale now.').waitFor({ timeout: 30000 });
    console.log('     no suggestion today');
    return;
  }
  const [s] = suggestions;
  const stock = async (store) => (await api(`/api/stores/${store}/inventory?q=${s.sku}&limit=50`)).find((r) => r.sku === s.sku).on_hand;
  const [from, to] = [await stock(s.from_store), await stock(s.to_store)];
  const label = `Execute: move ${count(s.qty)} of ${s.sku} from ${s.from_store} to ${s.to_store}`;
  await page.getByRole('button', { name: label }).click({ timeout: 30000 });
  const done = page.locator('.transfers p[role=status]');
  await page.locator('.transfers p[role=status], .transfers p[role=alert]').waitFor({ timeout: 30000 });
  if (await page.locator('.transfers p[role=alert]').count()) throw new Error(await page.locator('.transfers p[role=alert]').textContent());
  if ((await done.textContent()) !== `Moved ${count(s.qty)} of ${s.sku} from ${s.from_store} to ${s.to_store}.`) throw new Error(`"${await done.textContent()}"`);
  const [fromAfter, toAfter] = [await stock(s.from_store), await stock(s.to_store)];
  if (fromAfter !== from - s.qty || toAfter !== to + s.qty) throw new Error(`stock ${from}→${fromAfter}, ${to}→${toAfter}`);
  console.log(`     ${s.qty} × ${s.sku}: ${s.from_store} ${from}→${fromAfter}, ${s.to_store} ${to}→${toAfter}`);
});

await step('screenshots of the list at desktop and phone size; nothing wider than a phone', async () => {
  await page.goto(`${BASE}/plans`);
  const ready = () => page.locator('tr.plan-row').first().waitFor({ timeout: 10000 });
  await ready();
  await page.locator('.hubs table').waitFor();
  await screenshots(page, 'plans', ready);
  await page.setViewportSize(PHONE);
  await ready();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(DESKTOP);
  if (width > PHONE.width) throw new Error(`the page is ${width} px wide on a ${PHONE.width} px phone`);
});

await finish();
