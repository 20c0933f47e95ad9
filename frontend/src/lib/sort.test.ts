import { describe, expect, it } from 'vitest';
import { formatSort, parseSort, sortBy, toggleSort } from './sort';

const KEYS = ['code', 'out'] as const;
const fallback = { key: 'code' as const, descending: false };

describe('sort in the URL', () => {
  it('reads a key with or without "-" and falls back on anything else', () => {
    expect(parseSort('-out', KEYS, fallback)).toEqual({ key: 'out', descending: true });
    expect(parseSort('out', KEYS, fallback)).toEqual({ key: 'out', descending: false });
    expect(parseSort('--out', KEYS, fallback)).toBe(fallback);
    expect(parseSort('price', KEYS, fallback)).toBe(fallback);
    expect(parseSort(null, KEYS, fallback)).toBe(fallback);
  });

  it('writes it back', () => {
    expect(formatSort({ key: 'out', descending: true })).toBe('-out');
    expect(formatSort({ key: 'code', descending: false })).toBe('code');
  });

  it('flips the sorted column and starts another in its first direction', () => {
    expect(toggleSort(fallback, 'code', false)).toEqual({ key: 'code', descending: true });
    expect(toggleSort(fallback, 'out', true)).toEqual({ key: 'out', descending: true });
    expect(toggleSort({ key: 'out', descending: true }, 'out', true)).toEqual({ key: 'out', descending: false });
  });
});

describe('sortBy', () => {
  const rows = [
    { code: 'B', out: 3 },
    { code: 'A', out: 3 },
    { code: 'C', out: null },
    { code: 'D', out: 9 },
  ];
  const value = (row: (typeof rows)[number], key: 'code' | 'out') => row[key];
  const codes = (sorted: typeof rows) => sorted.map((row) => row.code).join('');

  it('sorts numbers either way, ties by the tie-break, missing values last', () => {
    expect(codes(sortBy(rows, { key: 'out', descending: true }, value, (r) => r.code))).toBe('DABC');
    expect(codes(sortBy(rows, { key: 'out', descending: false }, value, (r) => r.code))).toBe('ABDC');
  });

  it('sorts text either way', () => {
    expect(codes(sortBy(rows, { key: 'code', descending: true }, value, (r) => r.code))).toBe('DCBA');
  });
});
