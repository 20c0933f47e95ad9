import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryOnce } from '../app/queryClient';
import { ApiError, apiPost, pollEvery } from './client';

const failed = (error: Error) => ({ state: { status: 'error', error } });

describe('failed requests', () => {
  it('are polled again while the API is unreachable, not when it rejected them', () => {
    const poll = pollEvery(60_000);
    expect(poll({ state: { status: 'success', error: null } })).toBe(60_000);
    expect(poll(failed(new ApiError(0, 'network down')))).toBe(5_000);
    expect(poll(failed(new ApiError(503, 'database unavailable')))).toBe(5_000);
    expect(poll(failed(new ApiError(404, 'unknown store NOPE')))).toBe(false);
    expect(poll(failed(new ApiError(422, 'bad sort')))).toBe(false);
    expect(poll(failed(new TypeError('parse')))).toBe(5_000);
    const untilFound = pollEvery(60_000, { untilFound: true });
    expect(untilFound(failed(new ApiError(404, 'no forecast run yet')))).toBe(5_000);
    expect(untilFound(failed(new ApiError(422, 'bad sku')))).toBe(false);
  });

  it('are retried once, unless rejected', () => {
    expect(retryOnce(0, new ApiError(0, 'down'))).toBe(true);
    expect(retryOnce(1, new ApiError(0, 'down'))).toBe(false);
    expect(retryOnce(0, new ApiError(404, 'unknown'))).toBe(false);
  });
});

describe('actions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are posted as JSON, and a refusal keeps the API\'s details (where, what)', async () => {
    const detail = [{ loc: ['body', 'lines', 1, 'qty'], msg: '2 of DAI-0001 are still on the way; cannot receive 3', type: 'invalid_quantity' }];
    const fetch = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(
      async () => new Response(JSON.stringify({ detail }), { status: 422 }),
    );
    vi.stubGlobal('fetch', fetch);
    const receipt = { lines: [{ sku: 'SNK-0001', qty: 1 }, { sku: 'DAI-0001', qty: 3 }], close: false, remainder: 'write_off' as const };
    const error = await apiPost('/api/restock-plans/{id}/receive', { path: { id: 7 } }, receipt).catch((e: unknown) => e);
    expect(fetch).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/restock-plans/7/receive');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json' });
    expect(JSON.parse(String(init?.body))).toEqual(receipt);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, message: detail[0]?.msg, details: detail });
  });
});
