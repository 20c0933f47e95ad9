// The Restock plans page in jsdom against a fake API that keeps its plans' state: the list and its filters in
// the URL, a plan's detail (lines by quantity with their reasons, history, only the legal actions), the
// transitions and receipts posted and what the API says when it refuses one, the planner run, hubs and
// transfer suggestions.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanLine, PlanStatus, RestockPlan } from '../../api/restockPlans';
import { SIGNED_IN } from '../../test/fixtures';
import { renderPageAt } from '../../test/renderPage';
import PlansPage from './PlansPage';

const STORES = [
  { code: 'BLR-001', name: 'Indiranagar', city: 'BLR' },
  { code: 'BLR-002', name: 'Jayanagar', city: 'BLR' },
].map((s) => ({ ...s, lat: 12.97, lng: 77.6, radius_m: 2000, capacity_units: 1, hub_code: 'BLR-HUB', auto_approve: false, created_at: '', pincodes: [] }));

const line = (sku: string, qty: number, shipped: Partial<PlanLine> = {}): PlanLine => ({
  sku,
  qty,
  rule: qty > 10 ? 'forecast' : 'minmax',
  rule_source: 'default',
  reason: `${sku}: position 4 is below s=8: order up to S=${qty + 4}, ${qty} units`,
  on_hand: 4,
  in_transit: 0,
  reorder_point: 8,
  order_up_to: qty + 4,
  demand_to_delivery: 1.5,
  demand_protection: 6.25,
  dispatched: 0,
  received: 0,
  written_off: 0,
  back_ordered: 0,
  ...shipped,
});
const event = (status: PlanStatus, actor: string, note = '') => ({ status, actor, at: '2026-12-02T14:30:00Z', note });

function initialPlans(): RestockPlan[] {
  const base = { hub_code: 'BLR-HUB', created_at: '2026-12-02T14:00:00Z', updated_at: '2026-12-02T14:30:00Z' };
  return [
    {
      ...base,
      id: 3,
      store_code: 'BLR-001',
      wave_at: '2026-12-03T00:30:00Z', // 06:00 in Bengaluru
      status: 'draft',
      units: 41,
      line_count: 3,
      lines: [line('SNK-0001', 6), line('DAI-0001', 24), line('BEV-0002', 11)],
      history: [event('draft', 'planner', 'planned')],
    },
    {
      ...base,
      id: 2,
      store_code: 'BLR-002',
      wave_at: '2026-12-02T09:30:00Z',
      status: 'dispatched',
      units: 15,
      line_count: 2,
      lines: [line('DAI-0002', 10, { dispatched: 10 }), line('SNK-0002', 5, { dispatched: 5, received: 2 })],
      history: [event('draft', 'planner', 'planned'), event('approved', 'auto-approve'), event('dispatched', 'fleet')],
    },
    {
      ...base,
      id: 1,
      store_code: 'BLR-001',
      wave_at: '2026-12-01T09:30:00Z',
      status: 'closed',
      units: 3,
      line_count: 1,
      lines: [line('SNK-0003', 3, { dispatched: 3, received: 3 })],
      history: [event('draft', 'planner'), event('closed', 'fleet', 'everything dispatched arrived')],
    },
  ];
}

const HUBS = [
  { code: 'BLR-HUB', name: 'Bengaluru mother hub', city: 'BLR', lat: 12.9, lng: 77.5, stores: ['BLR-001', 'BLR-002'], skus: 500, units: 3335182, promised_units: 2452 },
];
let suggestions: { sku: string; from_store: string; to_store: string; qty: number; distance_m: number; reason: string }[];

let plans: RestockPlan[];
let shortage: boolean;
let refuseLine: number | null;
const requests: { method: string; url: string; body: unknown }[] = [];

const owedOf = (l: PlanLine) => l.dispatched - l.received - l.written_off - l.back_ordered;
const refusal = (status: number, loc: (string | number)[], msg: string, type: string): [number, unknown] => [
  status,
  { detail: [{ loc, msg, type, input: null }] },
];

/** A transition the fake API allows from `from`, or its 409. */
function transition(plan: RestockPlan, to: PlanStatus, from: PlanStatus[], actor: string): [number, unknown] {
  if (!from.includes(plan.status)) {
    return refusal(409, ['path', 'id'], `restock plan ${plan.id} is ${plan.status}: only ${from.join(' or ')} can be ${to}`, 'illegal_transition');
  }
  plan.status = to;
  plan.history.push(event(to, actor));
  if (to === 'dispatched') plan.lines.forEach((l) => (l.dispatched = l.qty));
  return [200, plan];
}

function receive(plan: RestockPlan, body: { lines: { sku: string; qty: number }[]; close: boolean; remainder: string }): [number, unknown] {
  if (refuseLine !== null) {
    const sku = body.lines[refuseLine]?.sku;
    return refusal(422, ['body', 'lines', refuseLine, 'qty'], `0 of ${sku} are still on the way; cannot receive 3`, 'invalid_quantity');
  }
  for (const r of body.lines) {
    const l = plan.lines.find((x) => x.sku === r.sku);
    if (l) l.received += r.qty;
  }
  const outstanding = plan.lines.reduce((sum, l) => sum + owedOf(l), 0);
  const received = body.lines.reduce((sum, r) => sum + r.qty, 0);
  if (outstanding && !body.close) {
    plan.status = 'partially_received';
    plan.history.push(event('partially_received', SIGNED_IN.name, `received ${received} units, ${outstanding} to come`));
  } else {
    for (const l of plan.lines) {
      if (body.remainder === 'back_order') l.back_ordered += owedOf(l);
      else l.written_off += owedOf(l);
    }
    plan.status = 'closed';
    plan.history.push(event('closed', SIGNED_IN.name, `received ${received} units; ${outstanding} units back-ordered to the hub`));
  }
  return [200, plan];
}

function fakeApi(method: string, url: string, body: unknown): [number, unknown, Record<string, string>?] {
  const [path = '', search] = url.split('?');
  const params = new URLSearchParams(search);
  if (method === 'GET') {
    if (path === '/api/health') return [200, { status: 'ok', database: 'ok' }];
    if (path === '/api/stores') return [200, STORES];
    if (path === '/api/hubs') return [200, HUBS];
    if (path === '/api/transfers/suggestions') return [200, suggestions];
    if (path === '/api/alerts') return [200, [], { 'X-Total-Count': '0' }];
    if (path === '/api/restock-plans') {
      const rows = plans.filter(
        (p) => (!params.get('status') || p.status === params.get('status')) && (!params.get('store') || p.store_code === params.get('store')),
      );
      const offset = Number(params.get('offset') ?? 0);
      const page = rows.slice(offset, offset + Number(params.get('limit')));
      // the list asks for totals only; a plan's lines and history come with the plan itself
      const listed = params.get('lines') === 'false' ? page.map((p) => ({ ...p, lines: [], history: [] })) : page;
      return [200, listed, { 'X-Total-Count': String(rows.length) }];
    }
    const one = /^\/api\/restock-plans\/(\d+)$/.exec(path);
    const plan = plans.find((p) => p.id === Number(one?.[1]));
    if (plan) return [200, plan];
  }
  if (method === 'POST') {
    const action = /^\/api\/restock-plans\/(\d+)\/(\w+)$/.exec(path);
    const plan = plans.find((p) => p.id === Number(action?.[1]));
    const actor = SIGNED_IN.name;
    if (plan && action?.[2] === 'approve') {
      if (shortage && plan.status === 'draft') {
        return refusal(409, ['lines', 0, 'qty'], 'hub BLR-HUB has 10 of DAI-0001 not yet promised to other plans; this plan needs 24', 'hub_shortage');
      }
      return transition(plan, 'approved', ['draft'], actor);
    }
    if (plan && action?.[2] === 'dispatch') return transition(plan, 'dispatched', ['approved'], actor);
    if (plan && action?.[2] === 'cancel') return transition(plan, 'cancelled', ['draft', 'approved'], actor);
    if (plan && action?.[2] === 'receive') return receive(plan, body as Parameters<typeof receive>[1]);
    if (path === '/api/replenishment/run') {
      const stores = [
        { store_code: 'BLR-001', plan_id: 3, outcome: 'updated', lines: 3, units: 41 },
        { store_code: 'BLR-002', plan_id: 2, outcome: 'skipped', lines: 0, units: 0 },
        { store_code: 'BLR-003', plan_id: null, outcome: 'nothing', lines: 0, units: 0 },
      ];
      return [200, { waves: { BLR: '2026-12-03T00:30:00Z' }, lines_considered: 1500, seconds: { total: 0.5 }, stores, plans: [] }];
    }
    if (path === '/api/transfers') {
      suggestions = suggestions.slice(1);
      return [201, []];
    }
  }
  return [404, { detail: [{ loc: ['path'], msg: 'not found', type: 'not_found' }] }];
}

const renderAt = (url: string) => renderPageAt(url, <PlansPage />);
const search = () => new URLSearchParams(window.location.search);
const planRows = () => [...document.querySelectorAll<HTMLTableRowElement>('tr.plan-row')].map((row) => row.dataset.plan);
const gets = (prefix: string) => requests.filter((r) => r.method === 'GET' && r.url.startsWith(prefix));
const posts = () => requests.filter((r) => r.method === 'POST');
/** The open plan's detail, once shown. */
const planDetail = (id: number) =>
  waitFor(() => {
    const detail = document.querySelector<HTMLElement>(`.plan-detail[data-plan="${id}"]`);
    if (!detail) throw new Error(`plan ${id} is not open`);
    return detail;
  });
const openPlan = async (id: number) => {
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^Plan ${id} of`) }));
  return planDetail(id);
};
const statusOf = (detail: HTMLElement) => detail.querySelector('.plan-detail__title [data-status]')?.getAttribute('data-status');
const historyOf = (detail: HTMLElement) =>
  [...detail.querySelectorAll('.plan-history__event')].map((li) => li.textContent);

describe('PlansPage', { timeout: 30_000 }, () => {
  beforeEach(() => {
    plans = initialPlans();
    shortage = false;
    refuseLine = null;
    suggestions = [
      { sku: 'DAI-0037', from_store: 'BLR-005', to_store: 'BLR-004', qty: 4, distance_m: 4660, reason: 'BLR-004 is expected to miss 14.0 before its next delivery' },
      { sku: 'STP-0028', from_store: 'BLR-004', to_store: 'BLR-001', qty: 1, distance_m: 3283, reason: 'BLR-001 is expected to miss 0.9 before its next delivery' },
    ];
    requests.length = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
        requests.push({ method, url, body });
        const [status, answer, headers] = fakeApi(method, url, body);
        return new Response(JSON.stringify(answer), { status, headers });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the plans with their wave in store time, and keeps the filters in the URL', async () => {
    renderAt('/plans');
    await waitFor(() => expect(planRows()).toEqual(['3', '2', '1']));
    const first = document.querySelector('tr.plan-row') as HTMLElement;
    expect(first).toHaveTextContent('3 Dec, 06:00 IST');
    expect(first.querySelector('[data-status]')).toHaveTextContent('Draft');
    expect(screen.getByText('1–3 of 3 · page 1 of 1')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'closed' } });
    await waitFor(() => expect(planRows()).toEqual(['1']));
    expect(search().get('status')).toBe('closed');
    expect(gets('/api/restock-plans?').at(-1)?.url).toBe('/api/restock-plans?status=closed&limit=20&offset=0&lines=false');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'BLR-001' } });
    await waitFor(() => expect(planRows()).toEqual(['3', '1']));
    expect(window.location.search).toBe('?store=BLR-001');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(planRows()).toEqual(['3', '2', '1']));
    expect(window.location.search).toBe('');
  });

  it('opens a plan: its lines by quantity with reasons and numbers, its history, and only its legal actions', async () => {
    renderAt('/plans');
    const detail = await openPlan(3);
    expect(search().get('plan')).toBe('3');
    expect(screen.getByRole('button', { name: /^Plan 3 of/ })).toHaveAttribute('aria-expanded', 'true');
    const lines = [...detail.querySelectorAll<HTMLElement>('tbody.plan-line')];
    expect(lines.map((l) => l.dataset.sku)).toEqual(['DAI-0001', 'BEV-0002', 'SNK-0001']);
    expect(lines[0]).toHaveTextContent('DAI-0001: position 4 is below s=8: order up to S=28, 24 units');
    expect(lines[0]?.querySelector('tr')?.textContent).toBe('DAI-0001Forecastdefault24408281.56.25');
    expect(historyOf(detail)).toEqual(['Draftplanner2 Dec, 20:00 ISTplanned']);
    const buttons = within(detail).getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual(['Approve', 'Cancel plan']);

    // the dispatched one can only be received, the closed one not at all
    const dispatched = await openPlan(2);
    expect(within(dispatched).getAllByRole('button').map((b) => b.textContent)).toEqual(['Receive']);
    expect(search().get('plan')).toBe('2');
    const closed = await openPlan(1);
    expect(within(closed).queryByRole('button')).toBeNull();
    expect(closed).toHaveTextContent('No action left: the plan is closed.');
  });

  it('approves a draft, after showing why the API refused it the first time', async () => {
    shortage = true;
    renderAt('/plans?plan=3');
    const detail = await planDetail(3);
    fireEvent.click(within(detail).getByRole('button', { name: 'Approve' }));
    expect(await within(detail).findByRole('alert')).toHaveTextContent(
      'hub BLR-HUB has 10 of DAI-0001 not yet promised to other plans; this plan needs 24',
    );
    expect(statusOf(detail)).toBe('draft');

    shortage = false;
    fireEvent.click(within(detail).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(statusOf(document.querySelector('.plan-detail') as HTMLElement)).toBe('approved'));
    expect(posts().map((p) => [p.url, p.body])).toEqual([
      ['/api/restock-plans/3/approve', undefined],
      ['/api/restock-plans/3/approve', undefined],
    ]);
    const after = document.querySelector('.plan-detail') as HTMLElement;
    expect(within(after).getByRole('status')).toHaveTextContent('Plan #3 is approved.');
    expect(within(after).queryByRole('alert')).toBeNull();
    expect(historyOf(after).at(-1)).toBe('Approvedasha2 Dec, 20:00 IST');
    expect(within(after).getByRole('button', { name: 'Dispatch' })).toBeInTheDocument();
    // the list was asked again: the row says so too
    await waitFor(() => expect(document.querySelector('tr.plan-row [data-status]')).toHaveTextContent('Approved'));

    // cancelling asks first
    fireEvent.click(within(after).getByRole('button', { name: 'Cancel plan' }));
    fireEvent.click(within(after).getByRole('button', { name: 'Keep it' }));
    expect(posts()).toHaveLength(2);
  });

  it('receives part of a dispatched plan, shows a refused line, then closes it with the rest back-ordered', async () => {
    renderAt('/plans');
    const detail = await openPlan(2);
    fireEvent.click(within(detail).getByRole('button', { name: 'Receive' }));
    const form = within(detail).getByRole('form', { name: 'Receive plan #2' });
    // prefilled with what is still owed: 10 and 5 − 2
    expect(within(form).getByLabelText('Received DAI-0002')).toHaveValue(10);
    expect(within(form).getByLabelText('Received SNK-0002')).toHaveValue(3);
    fireEvent.change(within(form).getByLabelText('Received DAI-0002'), { target: { value: '11' } });
    expect(within(form).getByRole('button', { name: /^Receive/ })).toBeDisabled(); // more than owed
    fireEvent.change(within(form).getByLabelText('Received DAI-0002'), { target: { value: '4' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Receive 7 units' }));

    await waitFor(() => expect(statusOf(document.querySelector('.plan-detail') as HTMLElement)).toBe('partially_received'));
    expect(posts().at(-1)).toEqual({
      method: 'POST',
      url: '/api/restock-plans/2/receive',
      body: { lines: [{ sku: 'DAI-0002', qty: 4 }, { sku: 'SNK-0002', qty: 3 }], close: false, remainder: 'write_off' },
    });
    let after = document.querySelector('.plan-detail') as HTMLElement;
    expect(within(after).getByRole('status')).toHaveTextContent('Received 7 units; the plan is partially received.');
    expect(historyOf(after).at(-1)).toBe('Partially receivedasha2 Dec, 20:00 ISTreceived 7 units, 6 to come');
    expect(after.querySelector('tbody.plan-line[data-sku="DAI-0002"] .plan-line__received')).toHaveTextContent('4');

    // the API refuses a line: the message, and that line's input marked
    refuseLine = 0;
    fireEvent.click(within(after).getByRole('button', { name: 'Receive' }));
    const form2 = within(after).getByRole('form', { name: 'Receive plan #2' });
    expect(within(form2).getByLabelText('Received DAI-0002')).toHaveValue(6);
    expect(within(form2).queryByLabelText('Received SNK-0002')).toBeNull(); // nothing owed
    fireEvent.change(within(form2).getByLabelText('Received DAI-0002'), { target: { value: '3' } });
    fireEvent.click(within(form2).getByRole('button', { name: 'Receive 3 units' }));
    expect(await within(form2).findByRole('alert')).toHaveTextContent('0 of DAI-0002 are still on the way; cannot receive 3');
    expect(within(form2).getByLabelText('Received DAI-0002')).toHaveAttribute('aria-invalid', 'true');

    // close: 3 received, the other 3 back to the hub
    refuseLine = null;
    fireEvent.click(within(form2).getByLabelText('Close the plan: nothing more will arrive'));
    fireEvent.change(within(form2).getByLabelText('What did not arrive is'), { target: { value: 'back_order' } });
    fireEvent.click(within(form2).getByRole('button', { name: 'Receive 3 units and close' }));
    await waitFor(() => expect(statusOf(document.querySelector('.plan-detail') as HTMLElement)).toBe('closed'));
    expect(posts().at(-1)?.body).toEqual({ lines: [{ sku: 'DAI-0002', qty: 3 }], close: true, remainder: 'back_order' });
    after = document.querySelector('.plan-detail') as HTMLElement;
    expect(historyOf(after).at(-1)).toBe('Closedasha2 Dec, 20:00 ISTreceived 3 units; 3 units back-ordered to the hub');
    expect(within(after).queryByRole('button', { name: 'Receive' })).toBeNull();
  });

  it('runs the planner, says what it did and asks for the plans again', async () => {
    renderAt('/plans');
    await waitFor(() => expect(planRows()).toHaveLength(3));
    const listed = gets('/api/restock-plans?').length;
    fireEvent.click(screen.getByRole('button', { name: 'Run planner now' }));
    const summary = await screen.findByText('Planner run done.');
    expect(summary.parentElement).toHaveTextContent(
      'Waves planned: BLR 3 Dec, 06:00 IST. 3 stores (1 updated, 1 past draft, left alone, 1 nothing to order): 41 units on 3 lines.',
    );
    expect(posts().map((p) => [p.url, p.body])).toEqual([['/api/replenishment/run', null]]);
    await waitFor(() => expect(gets('/api/restock-plans?').length).toBeGreaterThan(listed));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText('Planner run done.')).toBeNull());
  });

  it('shows the hubs, and executes a transfer suggestion (only the store\'s when one is chosen)', async () => {
    renderAt('/plans');
    const hubs = await screen.findByRole('region', { name: /^Hubs/ });
    await waitFor(() => expect(within(hubs).getByRole('row', { name: /BLR-HUB/ })).toHaveTextContent('33,35,1822,452'));
    const transfers = screen.getByRole('region', { name: /^Transfer suggestions/ });
    fireEvent.click(await within(transfers).findByRole('button', { name: 'Execute: move 4 of DAI-0037 from BLR-005 to BLR-004' }));
    expect(await within(transfers).findByRole('status')).toHaveTextContent('Moved 4 of DAI-0037 from BLR-005 to BLR-004.');
    expect(posts().map((p) => [p.url, p.body])).toEqual([
      ['/api/transfers', { from_store: 'BLR-005', to_store: 'BLR-004', sku: 'DAI-0037', qty: 4, reference: 'suggested transfer' }],
    ]);
    await waitFor(() => expect(within(transfers).getAllByRole('listitem')).toHaveLength(1)); // asked again

    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'BLR-002' } });
    await waitFor(() => expect(within(transfers).getByText('No transfer would save a sale now.')).toBeInTheDocument());
  });

  it('shows a plan of the URL that the list does not hold above it', async () => {
    renderAt('/plans?status=closed&plan=3');
    await waitFor(() => expect(planRows()).toEqual(['1']));
    const card = await screen.findByRole('region', { name: /^Plan #3/ });
    await waitFor(() => expect(card.querySelector('.plan-detail[data-plan="3"]')).not.toBeNull());
    expect(gets('/api/restock-plans/3')).not.toHaveLength(0);
    fireEvent.click(within(card).getByRole('button', { name: 'Close' }));
    expect(search().get('plan')).toBeNull();
    expect(screen.queryByRole('region', { name: /^Plan #3/ })).toBeNull();
  });
});
