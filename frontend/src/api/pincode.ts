// GET /api/pincodes/{pincode}: where a pincode is, its serving store, its 24-hour trend and top SKUs.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, pollEvery } from './client';
import type { Measures } from './heatmap';

// The schema leaves this body untyped; the shape is the backend's pincode_detail.
export interface PincodeDetail {
  pincode: number;
  name: string;
  city: string;
  district: string;
  lat: number;
  lng: number;
  h3: Record<string, string>;
  served_by: { code: string; name: string; distance_m: number } | null;
  trend: {
    last_24h: Measures;
    previous_24h: Measures;
    hourly: (Measures & { at: string })[];
  };
  top_skus_7d: { sku: string; name: string; category: string; units: number; lost_units: number; revenue: number }[];
}

export const pincodeQueryOptions = (pincode: number) =>
  queryOptions({
    queryKey: ['pincode', pincode],
    queryFn: async ({ signal }) =>
      (await apiGet('/api/pincodes/{pincode}', { path: { pincode } }, signal)) as unknown as PincodeDetail,
    refetchInterval: pollEvery(30_000),
  });

export const usePincode = (pincode: number) => useQuery(pincodeQueryOptions(pincode));
