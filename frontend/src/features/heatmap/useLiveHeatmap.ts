import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useHeatmap, type HeatmapCollection, type HeatmapData, type HeatmapParams } from '../../api/heatmap';
import type { DemandEvent } from '../../api/stream';
import { boundsOf, type Bounds } from '../../lib/geo';
import { buildScale, type Scale } from '../../lib/scale';
import { throttle } from '../../lib/throttle';
import type { Metric, ViewState } from '../../lib/view';
import { mergeDeltas, pendingDeltas, type LiveDelta } from './liveDeltas';
import { heatmapParams, METRIC_INFO, scaleKey } from './metrics';

/** What stays fixed while a view (city, metric, window, level, resolution) is shown. */
export interface HeatmapSnapshot {
  key: string;
  city: string;
  metric: Metric;
  /** Computed from the first data of the view: live updates do not move the class bounds. */
  scale: Scale;
  /** The collection whose geometry the map draws; values come from the live collection. */
  base: HeatmapCollection;
  bounds: Bounds | null;
}

/** The stream's deltas count every SKU: they apply only to a view that does too. */
const countsEverySku = (params: HeatmapParams) => params.sku === undefined && params.category === undefined;

/** Refetch the heatmap at most this often while live deltas arrive. */
export const LIVE_REFETCH_MS = 10_000;

function snapshotOf(data: HeatmapData, metric: Metric, key: string): HeatmapSnapshot {
  const { features } = data.collection;
  const info = METRIC_INFO[metric];
  return {
    key,
    city: data.params.city ?? '',
    metric,
    scale: buildScale(
      features.map((f) => info.value(f.properties)),
      info.scale,
    ),
    base: data.collection,
    bounds: boundsOf(features.map((f) => f.geometry)),
  };
}

/** The heatmap of a view with the stream's demand deltas added (only when live, not when playing back a past
 * time), and its fixed per-view snapshot (the same for every playback time). A view filtered by SKU or category
 * is refetched instead (the deltas count every SKU). */
export function useLiveHeatmap(view: ViewState) {
  const query = useHeatmap(heatmapParams(view));
  const isLive = view.time === null;
  const liveRef = useRef(isLive);
  useEffect(() => {
    liveRef.current = isLive;
  }, [isLive]);
  const { data } = query;
  const queryClient = useQueryClient();
  const [deltas, setDeltas] = useState<LiveDelta[]>([]);
  const fetchedAt = useRef(0);
  useEffect(() => {
    fetchedAt.current = data?.fetchedAt ?? 0;
  }, [data]);

  const refetch = useCallback(() => {
    void queryClient.refetchQueries({ queryKey: ['heatmap'], type: 'active' });
  }, [queryClient]);
  const throttledRefetch = useMemo(() => throttle(refetch, LIVE_REFETCH_MS), [refetch]);
  useEffect(() => () => throttledRefetch.cancel(), [throttledRefetch]);

  const applyDemand = useCallback(
    (event: DemandEvent) => {
      if (!liveRef.current) return;
      const delta = { receivedAt: performance.now(), pincodes: event.pincodes };
      setDeltas((previous) => [...pendingDeltas(previous, fetchedAt.current), delta]);
      throttledRefetch.call();
    },
    [throttledRefetch],
  );

  const collection = useMemo(
    () =>
      data &&
      (data.params.to === undefined && countsEverySku(data.params)
        ? mergeDeltas(data.collection, pendingDeltas(deltas, data.fetchedAt))
        : data.collection),
    [data, deltas],
  );

  // The snapshot changes only when data of another view arrives (not with placeholder data of the last one).
  const [snapshot, setSnapshot] = useState<HeatmapSnapshot | null>(null);
  const settled = data && !query.isPlaceholderData ? data : undefined;
  const key = settled ? scaleKey(settled.params, view.metric) : undefined;
  if (settled && key && key !== snapshot?.key) setSnapshot(snapshotOf(settled, view.metric, key));

  return {
    snapshot,
    collection,
    isLoading: query.isPending,
    isFetching: query.isFetching,
    error: query.error,
    applyDemand,
    refetch,
  };
}
