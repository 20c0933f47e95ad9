import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INVENTORY,
  formatSpan,
  inventoryFilter,
  pageInRange,
  pageSpan,
  parseInventory,
  refilter,
  serializeInventory,
  stockBadge,
} from './inventoryState';

describe('the Inventory page state in the URL', () => {
  it('reads every part, with defaults for what is missing or wrong', () => {
    expect(parseInventory('?store=BLR-001&q=milk&category=Dairy&low=1&out=1&sort=-on_hand&page=3&sku=DAI-0001')).toEqual({
      store: 'BLR-001',
      q: 'milk',
      category: 'Dairy',
      low: true,
      out: true,
      sort: { key: 'on_hand', descending: true },
      page: 3,
      sku: 'DAI-0001',
    });
    expect(parseInventory('?page=0&sort=price&low=no')).toEqual(DEFAULT_INVENTORY);
    expect(parseInventory('?page=2.5').page).toBe(1);
  });

  it('writes only what differs from the defaults, and reads it back', () => {
    expect(serializeInventory(DEFAULT_INVENTORY)).toBe('');
    const state = { ...DEFAULT_INVENTORY, store: 'BLR-002', category: 'Fruits & Vegetables', low: true, page: 2 };
    expect(serializeInventory(state)).toBe('?store=BLR-002&category=Fruits+%26+Vegetables&low=1&page=2');
    expect(parseInventory(serializeInventory(state))).toEqual(state);
  });

  it('goes back to the first page when the rows change', () => {
    expect(refilter({ ...DEFAULT_INVENTORY, page: 4 }, { q: 'atta' })).toMatchObject({ q: 'atta', page: 1 });
  });

  it('asks the API for the filters and sort of the state', () => {
    const state = { ...DEFAULT_INVENTORY, q: ' milk ', out: true, sort: { key: 'updated_at' as const, descending: true } };
    expect(inventoryFilter(state, 'BLR-001')).toEqual({
      code: 'BLR-001',
      q: 'milk',
      category: undefined,
      belowReorderPoint: false,
      outOfStock: true,
      sort: '-updated_at',
    });
  });
});

describe('the pager', () => {
  it('counts the rows shown of the total', () => {
    expect(formatSpan(pageSpan(1, 50, 493))).toBe('1–50 of 493');
    expect(formatSpan(pageSpan(10, 43, 493))).toBe('451–493 of 493');
    expect(formatSpan(pageSpan(1, 0, 0))).toBe('0 of 0');
    expect(formatSpan(pageSpan(1, 50, 1234))).toBe('1–50 of 1,234');
  });

  it('has a previous page after the first and a next one before the end', () => {
    expect(pageSpan(1, 50, 493)).toMatchObject({ hasPrevious: false, hasNext: true, pages: 10 });
    expect(pageSpan(10, 43, 493)).toMatchObject({ hasPrevious: true, hasNext: false });
    expect(pageSpan(1, 50, 50)).toMatchObject({ hasNext: false, pages: 1 });
  });

  it('sends a page past the end to the last one', () => {
    expect(pageInRange(12, 493)).toBe(10);
    expect(pageInRange(3, 0)).toBe(1);
    expect(pageInRange(10, 493)).toBeNull();
  });
});

describe('stockBadge', () => {
  it('is out with nothing on hand, low at or below the reorder point, else ok', () => {
    expect(stockBadge({ on_hand: 0, reorder_point: null })).toBe('out');
    expect(stockBadge({ on_hand: 5, reorder_point: 5 })).toBe('low');
    expect(stockBadge({ on_hand: 6, reorder_point: 5 })).toBe('ok');
    expect(stockBadge({ on_hand: 1, reorder_point: null })).toBe('ok');
  });
});
