import { describe, expect, it } from 'vitest';
import { retryOnce } from '../app/queryClient';
import { ApiError, pollEvery } from './client';

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
