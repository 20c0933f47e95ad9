import { describe, expect, it } from 'vitest';
import { collection, feature } from '../../test/fixtures';
import { mergeDeltas, pendingDeltas, type LiveDelta } from './liveDeltas';

const m = (units: number, orders: number, lost_units: number, revenue: number) => ({ units, orders, lost_units, revenue });

const pincodes = collection([
  feature('560001', { ...m(10, 4, 1, 50_000), previous: 8, change: 2, change_pct: 25, anomaly: 1.5, name: 'A' }),
  feature('560002', { ...m(3, 1, 0, 9_000), previous: 0, change: 3 }),
  feature('560099', { ...m(5, 2, 5, 0), served: false, unserved_units: 5, previous: 5 }),
]);

const delta = (receivedAt: number, pincodes: LiveDelta['pincodes']): LiveDelta => ({ receivedAt, pincodes });

describe('mergeDeltas', () => {
  it('adds a delta to its pincode and to the totals', () => {
    const merged = mergeDeltas(pincodes, [delta(1, { '560001': m(2, 1, 1, 12_345) })]);
    const p = merged.features[0]?.properties;
    expect(p).toMatchObject({ units: 12, orders: 5, lost_units: 2, revenue: 62_345, name: 'A' });
    expect(merged.metadata.totals).toEqual(m(20, 8, 7, 71_345));
  });

  it('moves the change by the delta of the metric and recomputes its percentage', () => {
    const merged = mergeDeltas(pincodes, [delta(1, { '560001': m(2, 1, 0, 0) }), delta(2, { '560002': m(1, 1, 0, 0) })]);
    expect(merged.features[0]?.properties).toMatchObject({ change: 4, change_pct: 50, previous: 8 });
    expect(merged.features[1]?.properties).toMatchObject({ units: 4, change: 4, change_pct: null });
  });

  it('follows the metric the heatmap was fetched for', () => {
    const byRevenue = collection(pincodes.features, { metric: 'revenue' });
    const merged = mergeDeltas(byRevenue, [delta(1, { '560001': m(2, 1, 0, 700) })]);
    expect(merged.features[0]?.properties.change).toBe(702);
  });

  it('sums several deltas of one pincode', () => {
    const merged = mergeDeltas(pincodes, [
      delta(1, { '560002': m(1, 1, 0, 100) }),
      delta(2, { '560002': m(4, 2, 1, 400) }),
    ]);
    expect(merged.features[1]?.properties).toMatchObject(m(8, 4, 1, 9_500));
  });

  it('counts units of an unserved pincode as unserved', () => {
    const merged = mergeDeltas(pincodes, [delta(1, { '560099': m(3, 1, 3, 0) })]);
    expect(merged.features[2]?.properties).toMatchObject({ units: 8, unserved_units: 8 });
  });

  it('ignores pincodes not on the map and keeps untouched features as they were', () => {
    const merged = mergeDeltas(pincodes, [delta(1, { '110001': m(9, 9, 9, 9), '560002': m(1, 1, 0, 0) })]);
    expect(merged.metadata.totals).toEqual(m(19, 8, 6, 59_000));
    expect(merged.features[0]).toBe(pincodes.features[0]);
    expect(merged.features[2]).toBe(pincodes.features[2]);
    expect(mergeDeltas(pincodes, [delta(1, { '110001': m(1, 1, 1, 1) })])).toBe(pincodes);
    expect(mergeDeltas(pincodes, [])).toBe(pincodes);
  });

  it('adds a pincode delta to the H3 cell holding its centroid', () => {
    const cells = collection(
      [
        feature('88618922e3fffff', { ...m(6, 3, 0, 600), pincodes: [560001, 560002] }),
        feature('88618922e7fffff', { ...m(1, 1, 0, 100), pincodes: [560003] }),
      ],
      { level: 'h3' },
    );
    const merged = mergeDeltas(cells, [delta(1, { '560002': m(2, 1, 0, 200), '560003': m(1, 1, 1, 50) })]);
    expect(merged.features.map((f) => f.properties.units)).toEqual([8, 2]);
    expect(merged.metadata.totals).toEqual(m(10, 6, 1, 950));
  });

  it('does not mutate the fetched collection', () => {
    const before = JSON.stringify(pincodes);
    mergeDeltas(pincodes, [delta(1, { '560001': m(2, 1, 1, 1) })]);
    expect(JSON.stringify(pincodes)).toBe(before);
  });
});

describe('pendingDeltas', () => {
  it('keeps the deltas received after the fetch started', () => {
    const deltas = [delta(100, {}), delta(200, {}), delta(300, {})];
    expect(pendingDeltas(deltas, 200).map((d) => d.receivedAt)).toEqual([300]);
    expect(pendingDeltas(deltas, 99).map((d) => d.receivedAt)).toEqual([100, 200, 300]);
    expect(pendingDeltas(deltas, 300)).toEqual([]);
  });
});
