// GET /api/stream: Server-Sent Events with demand deltas per pincode, stock alerts and resync requests.
import { useEffect, useRef, useState } from 'react';
import type { Alert } from './alerts';
import type { Measures } from './heatmap';

export type LiveStatus = 'on' | 'off';

/** Demand since the previous event, per pincode (as a string key). */
export interface DemandEvent {
  at: string;
  pincodes: Record<string, Measures>;
}

export interface StockAlert {
  kind: 'out_of_stock' | 'low_stock';
  store_code: string;
  sku: string;
  on_hand: number;
  reorder_point: number | null;
  at: string;
}

/** An alert event: a stock level that orders took down to low or out of stock, or an alert the evaluator opened
 * or resolved (as GET /api/alerts shows it). */
export type StreamAlert = StockAlert | (Alert & { at: string });

export interface StreamHandlers {
  demand?: (event: DemandEvent) => void;
  alert?: (alert: StreamAlert) => void;
  /** Events were missed (the server says so, or the connection dropped): refetch what they update. */
  resync?: () => void;
}

export const STREAM_URL = '/api/stream';
/** EventSource retries by itself, except after an HTTP error (e.g. a 502 from a proxy): then we do. */
const RECONNECT_MS = 5_000;

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    console.warn('ignored a malformed stream event', event);
    return null;
  }
}

/** Subscribes to the stream while mounted; returns whether it is open. */
export function useStream(handlers: StreamHandlers, url = STREAM_URL): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('off');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let dropped = false;
    const on = <T,>(kind: string, handle: (data: T) => void) =>
      source?.addEventListener(kind, (event) => {
        const data = parse<T>(event);
        if (data !== null) handle(data);
      });
    const connect = () => {
      source = new EventSource(url);
      source.onopen = () => {
        setStatus('on');
        if (dropped) latest.current.resync?.();
        dropped = false;
      };
      source.onerror = () => {
        setStatus('off');
        dropped = true;
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(connect, RECONNECT_MS);
        }
      };
      on<DemandEvent>('demand', (data) => latest.current.demand?.(data));
      on<StreamAlert>('alert', (data) => latest.current.alert?.(data));
      on<unknown>('resync', () => latest.current.resync?.());
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [url]);

  return status;
}
