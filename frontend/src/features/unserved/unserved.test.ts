import { describe, expect, it } from 'vitest';
import { feature } from '../../test/fixtures';
import { MAX_RADIUS_PX, MIN_RADIUS_PX, radiusFor, unservedPlaces } from './unserved';

describe('unservedPlaces', () => {
  it('lists places with unserved units, most first, at the centre of their area', () => {
    const places = unservedPlaces([
      feature('560001', { unserved_units: 0, units: 9 }),
      feature('560002', { served: false, unserved_units: 4, name: 'Vyalikaval' }, [77.5, 13.0]),
      feature('8861892cdffffff', { unserved_units: 12 }, [77.6, 12.9]),
    ]);
    expect(places.map((p) => [p.label, p.units])).toEqual([
      ['Cell 8861892cdffffff', 12],
      ['560002 · Vyalikaval', 4],
    ]);
    const [lat, lng] = places[1]?.centre ?? [];
    expect(lat).toBeCloseTo(13.005);
    expect(lng).toBeCloseTo(77.505);
  });

  it('skips areas without a geometry', () => {
    const place = { ...feature('560003', { unserved_units: 3 }), geometry: null };
    expect(unservedPlaces([place])).toEqual([]);
  });
});

describe('radiusFor', () => {
  it('grows with the square root of the units, up to the largest place', () => {
    expect(radiusFor(100, 100)).toBe(MAX_RADIUS_PX);
    expect(radiusFor(25, 100)).toBe(MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) / 2);
    expect(radiusFor(0, 100)).toBe(MIN_RADIUS_PX);
    expect(radiusFor(5, 0)).toBe(MIN_RADIUS_PX);
  });
});
