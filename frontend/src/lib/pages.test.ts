import { describe, expect, it } from 'vitest';
import { pageCount, pageOffset, pageRange } from './pages';

describe('pages', () => {
  it('counts pages and the rows a page shows', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
    expect(pageOffset(3, 25)).toBe(50);
    expect(pageRange(2, 25, 25)).toEqual({ from: 26, to: 50 });
    expect(pageRange(3, 7, 25)).toEqual({ from: 51, to: 57 });
    expect(pageRange(1, 0, 25)).toEqual({ from: 0, to: 0 });
  });
});
