import { describe, expect, it } from 'vitest';
import { STOCK_STATUS, stockStatus } from './stockHealth';

const health = (skus: number, below_reorder_point: number, out_of_stock: number) => ({
  store_code: 'BLR-001',
  city: 'BLR',
  skus,
  below_reorder_point,
  out_of_stock,
});

describe('stockStatus', () => {
  it('is healthy below 10% of SKUs at or below their reorder point', () => {
    expect(stockStatus(health(100, 9, 0))).toBe('healthy');
    expect(stockStatus(health(100, 9, 5))).toBe('healthy');
  });

  it('is running low from 10% to 25% at or below the reorder point', () => {
    expect(stockStatus(health(100, 10, 0))).toBe('low');
    expect(stockStatus(health(100, 25, 5))).toBe('low');
  });

  it('is critical above 5% out of stock or above 25% at or below the reorder point', () => {
    expect(stockStatus(health(100, 6, 6))).toBe('critical');
    expect(stockStatus(health(100, 26, 0))).toBe('critical');
  });

  it('is unknown without stock data', () => {
    expect(stockStatus(undefined)).toBe('unknown');
    expect(stockStatus(health(0, 0, 0))).toBe('unknown');
  });

  it('states its thresholds for the legend', () => {
    expect(STOCK_STATUS.healthy.rule).toBe('< 10% of SKUs at/below reorder point');
    expect(STOCK_STATUS.critical.rule).toBe('> 5% out of stock or > 25% at/below reorder point');
  });
});
