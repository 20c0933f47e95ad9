import { useQueryClient } from '@tanstack/react-query';
import type { Map as LeafletMap } from 'leaflet';
import { Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { heatmapQueryOptions, type HeatmapFeature } from '../api/heatmap';
import { useInventoryHealth } from '../api/inventoryHealth';
import { useStores } from '../api/stores';
import { useStream } from '../api/stream';
import { MapView } from '../components/map/MapView';
import { PANES } from '../components/map/panes';
import { Banner } from '../components/ui/Banner';
import { Spinner } from '../components/ui/Spinner';
import {
  heatmapParams,
  HeatmapLayer,
  HeatmapLegend,
  METRIC_INFO,
  useLiveHeatmap,
  type ViewChange,
} from '../features/heatmap';
import { PlaybackBar } from '../features/playback';
import { PincodePanel, PincodePanelFallback } from '../features/pincode';
import { StorePanel, StorePanelFallback } from '../features/store';
import { STOCK_STATUS, ServiceAreas, StoreLegend, StoreMarkers, storeViews, type StoreView } from '../features/stores';
import { UnservedLayer, UnservedList, unservedPlaces } from '../features/unserved';
import { throttle } from '../lib/throttle';
import { CITIES, CITY_ZOOM, type Camera } from '../lib/view';
import { ApiStatus } from './ApiStatus';
import { Header } from './Header';
import { HistoryBanner } from './HistoryBanner';
import { useUrlView } from './useUrlView';

/** How long the map must rest before its position goes into the URL. */
const CAMERA_DEBOUNCE_MS = 400;
/** The screens where the legends start folded (as in app.css). */
const PHONE_QUERY = '(max-width: 640px)';
/** Stock alerts refresh the stores' health at most this often. */
const STOCK_REFRESH_MS = 10_000;

/** What the side panel shows (one at a time): a clicked area's pincodes, or a store. */
type Selection = { kind: 'area'; featureId: string; pincodes: number[] } | { kind: 'store'; code: string };

const selectionOf = (feature: HeatmapFeature): Selection => ({
  kind: 'area',
  featureId: feature.id,
  pincodes: feature.properties.pincodes ?? [Number(feature.id)],
});

/** The home page: the demand map of a city with its stores, live. */
export function MapPage() {
  const [view, setView] = useUrlView();
  const [initialCamera] = useState<Camera>(
    () => view.camera ?? { lat: CITIES[view.city].lat, lng: CITIES[view.city].lng, zoom: CITY_ZOOM },
  );
  const [map, setMap] = useState<LeafletMap | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  // On a phone the legends would cover the map: they start folded behind a button.
  const [legendsOpen, setLegendsOpen] = useState(() => !window.matchMedia?.(PHONE_QUERY).matches);
  const legendsId = useId();

  const heatmap = useLiveHeatmap(view);
  const stores = useStores(view.city);
  const inventory = useInventoryHealth(view.city);
  const storeList = useMemo(() => storeViews(stores.data ?? [], inventory.data), [stores.data, inventory.data]);

  const queryClient = useQueryClient();
  const refreshStock = useMemo(
    () => throttle(() => void queryClient.invalidateQueries({ queryKey: ['inventory-health'] }), STOCK_REFRESH_MS),
    [queryClient],
  );
  useEffect(() => () => refreshStock.cancel(), [refreshStock]);

  // Playback: the map of a past window, its next frame loaded ahead, over the city's demand of the same SKUs.
  const { city, sku, category } = view;
  const demand = useMemo(
    () => ({ city, ...(sku !== null && { sku }), ...(category !== null && { category }) }),
    [city, sku, category],
  );
  const setTime = useCallback((time: string | null) => setView((current) => ({ ...current, time })), [setView]);
  const viewParams = useRef(heatmapParams(view));
  useEffect(() => {
    viewParams.current = heatmapParams(view);
  }, [view]);
  const prefetchFrame = useCallback(
    (to: string) => void queryClient.prefetchQuery(heatmapQueryOptions({ ...viewParams.current, to })),
    [queryClient],
  );
  const live = useStream({ demand: heatmap.applyDemand, resync: heatmap.refetch, alert: refreshStock.call });

  // Fit the map to the city's areas when it has no position of its own (first visit, or a new city).
  const fitPending = useRef(view.camera === null);
  const { snapshot } = heatmap;
  useEffect(() => {
    if (!map || !fitPending.current || !snapshot || snapshot.city !== view.city) return;
    fitPending.current = false;
    map.invalidateSize(); // the layout around the map may have changed since it started
    if (snapshot.bounds) map.fitBounds(snapshot.bounds, { padding: [24, 24] });
  }, [map, snapshot, view.city]);

  // Where the map rests goes into the URL.
  useEffect(() => {
    if (!map) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMoveEnd = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const { lat, lng } = map.getCenter();
        setView((current) => ({ ...current, camera: { lat, lng, zoom: map.getZoom() } }));
      }, CAMERA_DEBOUNCE_MS);
    };
    map.on('moveend', onMoveEnd);
    return () => {
      clearTimeout(timer);
      map.off('moveend', onMoveEnd);
    };
  }, [map, setView]);

  const changeView = (change: ViewChange) => {
    const city = change.city !== undefined && change.city !== view.city ? change.city : null;
    if (city) {
      fitPending.current = true;
      map?.setView([CITIES[city].lat, CITIES[city].lng], CITY_ZOOM);
    }
    if (city || (change.level ?? view.level) !== view.level || (change.res ?? view.res) !== view.res) {
      setSelection(null); // the selected area is not on the new map
    }
    setView((current) => ({ ...current, ...change, camera: city ? null : current.camera }));
  };
  const closePanel = useCallback(() => setSelection(null), []);
  const select = useCallback((feature: HeatmapFeature) => setSelection(selectionOf(feature)), []);
  const selectStore = useCallback((store: StoreView) => setSelection({ kind: 'store', code: store.store.code }), []);
  const area = selection?.kind === 'area' ? selection : null;
  const storeView = selection?.kind === 'store' ? storeList.find((v) => v.store.code === selection.code) : undefined;

  const { collection } = heatmap;
  const unserved = useMemo(
    () => (view.unserved ? unservedPlaces(collection?.features ?? []) : []),
    [view.unserved, collection],
  );
  return (
    <div className="app">
      <Header
        view={view}
        onViewChange={changeView}
        live={live}
        metadata={collection?.metadata}
      >
        <HistoryBanner key={view.city} city={view.city} onDone={heatmap.refetch} />
      </Header>
      <PlaybackBar time={view.time} onTimeChange={setTime} onPrefetch={prefetchFrame} demand={demand} />
      <ApiStatus errors={[heatmap.error, stores.error, inventory.error]} />
      <main className="app__main">
        <MapView
          label={`Demand map of ${CITIES[view.city].name}`}
          initial={initialCamera}
          onMap={setMap}
          areas={
            snapshot &&
            collection && (
              <HeatmapLayer
                pane={PANES.areas.name}
                base={snapshot.base}
                collection={collection}
                metric={snapshot.metric}
                scale={snapshot.scale}
                selectedId={area?.featureId ?? null}
                onSelect={select}
              />
            )
          }
          overlays={
            <>
              {view.serviceAreas && <ServiceAreas stores={storeList} />}
              {view.unserved && <UnservedLayer places={unserved} />}
            </>
          }
          markers={<StoreMarkers stores={storeList} onSelect={selectStore} />}
        />
        {heatmap.isLoading && <Spinner overlay label="Loading demand…" />}
        {heatmap.isFetching && !heatmap.isLoading && <div className="progress" aria-hidden="true" />}
        {collection?.features.length === 0 && (
          <div className="map-message">
            <Banner tone="info">No pincode areas in {CITIES[view.city].name} yet.</Banner>
          </div>
        )}
        <div className="map-legends" data-open={legendsOpen}>
          <button
            type="button"
            className="map-legends__toggle"
            aria-expanded={legendsOpen}
            aria-controls={legendsId}
            onClick={() => setLegendsOpen(!legendsOpen)}
          >
            {legendsOpen ? 'Hide legend' : 'Legend'}
          </button>
          <div id={legendsId} className="map-legends__body">
            {view.unserved && <UnservedList places={unserved} onSelect={select} />}
            {snapshot && <HeatmapLegend title={METRIC_INFO[snapshot.metric].label} scale={snapshot.scale} />}
            <StoreLegend />
          </div>
        </div>
        {area && (
          <Suspense fallback={<PincodePanelFallback pincode={area.pincodes[0] ?? 0} onClose={closePanel} />}>
            <PincodePanel key={area.featureId} pincodes={area.pincodes} onClose={closePanel} />
          </Suspense>
        )}
        {storeView && (
          <Suspense fallback={<StorePanelFallback title={storeView.store.name} onClose={closePanel} />}>
            <StorePanel
              key={storeView.store.code}
              store={storeView.store}
              health={storeView.health}
              healthClass={STOCK_STATUS[storeView.status]}
              onClose={closePanel}
            />
          </Suspense>
        )}
      </main>
    </div>
  );
}
