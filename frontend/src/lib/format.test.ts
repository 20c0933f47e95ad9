import { describe, expect, it } from 'vitest';
import { formatDateTimeIn, formatInt, formatPercent, formatRupees, formatSigned, formatWholeRupees, formatZ, withSign } from './format';

describe('format', () => {
  it('groups digits the Indian way', () => {
    expect(formatInt(1234567)).toBe('12,34,567');
    expect(formatInt(-42)).toBe('−42');
  });

  it('shows paise as rupees', () => {
    expect(formatRupees(123456)).toBe('₹1,234.56');
    expect(formatRupees(5)).toBe('₹0.05');
    expect(formatWholeRupees(123456)).toBe('₹1,235');
  });

  it('signs changes, percentages and z-scores', () => {
    expect(formatSigned(12)).toBe('+12');
    expect(formatSigned(-1500)).toBe('−1,500');
    expect(formatSigned(0)).toBe('0');
    expect(formatPercent(-8.25)).toBe('−8.25%');
    expect(formatPercent(null)).toBe('n/a');
    expect(formatZ(1.234)).toBe('+1.23');
    expect(formatZ(null)).toBe('n/a');
    expect(withSign(-3, '₹3.00')).toBe('−₹3.00');
  });

  it('writes a moment in the time zone of a store, named, wherever the browser is', () => {
    expect(formatDateTimeIn('2026-12-03T00:30:00Z', 'Asia/Kolkata')).toBe('3 Dec, 06:00 IST');
    expect(formatDateTimeIn('2026-12-02T20:00:00Z', 'Asia/Kolkata')).toBe('3 Dec, 01:30 IST');
  });
});
