// Live demand deltas (from the stream) added to a fetched heatmap, until a refetch includes them.
import type { HeatmapCollection, HeatmapFeature, Measures } from '../../api/heatmap';

export interface LiveDelta {
  /** When the delta arrived (performance.now()). */
  receivedAt: number;
  /** Per pincode, as a string key. */
  pincodes: Record<string, Measures>;
}

/** The deltas that a collection whose request started at `fetchedAt` may not include: those received after.
 * (One received during the request may be counted twice until the next refetch, which the stream brings.) */
export function pendingDeltas(deltas: readonly LiveDelta[], fetchedAt: number): LiveDelta[] {
  return deltas.filter((delta) => delta.receivedAt > fetchedAt);
}

function add(a: Measures, b: Measures): Measures {
  return {
    units: a.units + b.units,
    orders: a.orders + b.orders,
    lost_units: a.lost_units + b.lost_units,
    revenue: a.revenue + b.revenue,
  };
}

/** Pincode → index of the feature that holds it (the pincode's area, or the H3 cell of its centroid). */
function featureIndex(features: readonly HeatmapFeature[]): Map<string, number> {
  const index = new Map<string, number>();
  features.forEach((feature, i) => {
    const pincodes = feature.properties.pincodes?.map(String) ?? [feature.id];
    pincodes.forEach((pincode) => index.set(pincode, i));
  });
  return index;
}

function withDelta(feature: HeatmapFeature, delta: Measures, collection: HeatmapCollection): HeatmapFeature {
  const p = feature.properties;
  const change = p.change + delta[collection.metadata.metric];
  return {
    ...feature,
    properties: {
      ...p,
      ...add(p, delta),
      change,
      change_pct: p.previous ? Math.round((1000 * change) / p.previous) / 10 : null,
      // A pincode area is served or not as a whole; an H3 cell may mix both, so its share stays as fetched.
      unserved_units:
        !p.served && collection.metadata.level === 'pincode' ? p.unserved_units + delta.units : p.unserved_units,
    },
  };
}

/**
 * The collection with the deltas added to the features holding their pincodes, and to the totals. Pincodes
 * outside the collection (another city) are ignored; features without a delta are kept as they were. The
 * anomaly z-score stays as fetched (its baseline is not in the collection) until the next refetch.
 */
export function mergeDeltas(collection: HeatmapCollection, deltas: readonly LiveDelta[]): HeatmapCollection {
  if (deltas.length === 0) return collection;
  const index = featureIndex(collection.features);
  const added = new Map<number, Measures>();
  for (const delta of deltas) {
    for (const [pincode, measures] of Object.entries(delta.pincodes)) {
      const i = index.get(pincode);
      if (i === undefined) continue;
      const sum = added.get(i);
      added.set(i, sum ? add(sum, measures) : measures);
    }
  }
  if (added.size === 0) return collection;
  let totals = collection.metadata.totals;
  for (const measures of added.values()) totals = add(totals, measures);
  return {
    ...collection,
    metadata: { ...collection.metadata, totals },
    features: collection.features.map((feature, i) => {
      const delta = added.get(i);
      return delta ? withDelta(feature, delta, collection) : feature;
    }),
  };
}
