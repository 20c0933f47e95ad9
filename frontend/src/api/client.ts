// A small typed GET client over the backend's OpenAPI document (src/api/schema.d.ts).
import type { paths } from './schema';

type GetOperation = {
  parameters: { query?: unknown; path?: unknown };
  responses: { 200: { content: { 'application/json': unknown } } };
};
export type GetPath = {
  [P in keyof paths]: paths[P] extends { get: GetOperation } ? P : never;
}[keyof paths];
type Operation<P extends GetPath> = paths[P] extends { get: infer O extends GetOperation } ? O : never;
/** The JSON a GET answers with 200. */
export type Ok<P extends GetPath> = Operation<P>['responses'][200]['content']['application/json'];
type Params<P extends GetPath> = Operation<P>['parameters'];

export interface RequestParams {
  query?: Record<string, string | number | boolean | null | undefined>;
  path?: Record<string, string | number>;
}

/** A failed request: status 0 when the API could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }

  /** The API is down or unreachable (as opposed to rejecting the request). */
  get unreachable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export function apiUrl(path: string, params: RequestParams = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params.path?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} of ${path}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${filled}?${query}` : filled;
}

function detailOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('detail' in body)) return null;
  const { detail } = body as { detail: unknown };
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail.map((d: { msg?: unknown }) => (typeof d?.msg === 'string' ? d.msg : JSON.stringify(d))).join('; ');
  }
  return JSON.stringify(detail);
}

async function request(path: string, params: RequestParams, signal?: AbortSignal): Promise<[unknown, Headers]> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), { signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'the API cannot be reached');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, detailOf(body) ?? `${response.status} ${response.statusText}`);
  }
  return [body, response.headers];
}

export async function apiGet<P extends GetPath>(
  path: P,
  params: Params<P> & RequestParams,
  signal?: AbortSignal,
): Promise<Ok<P>> {
  const [body] = await request(path, params, signal);
  return body as Ok<P>;
}

/** A page of a list endpoint with the total count of its X-Total-Count header (the page's length without it). */
export interface Page<T> {
  items: T[];
  total: number;
}

/** An element of the list a GET answers with. */
type Item<P extends GetPath> = Ok<P> extends readonly (infer T)[] ? T : never;

export async function apiGetPage<P extends GetPath>(
  path: P,
  params: Params<P> & RequestParams,
  signal?: AbortSignal,
): Promise<Page<Item<P>>> {
  const [body, headers] = await request(path, params, signal);
  const items = body as Item<P>[];
  const total = Number(headers.get('X-Total-Count') ?? Number.NaN);
  return { items, total: Number.isFinite(total) ? total : items.length };
}

const RETRY_MS = 5_000;

/** A react-query refetchInterval: every `okMs` (or never) while healthy, every few seconds while the API is
 * unreachable; a request the API rejected (4xx: an unknown store, a bad filter) is not asked again, except a
 * 404 with `untilFound` (what is missing may still come, such as a first forecast run). */
export function pollEvery(okMs: number | false, { untilFound = false } = {}) {
  return (query: { state: { status: string; error: Error | null } }): number | false => {
    if (query.state.status !== 'error') return okMs;
    const { error } = query.state;
    const rejected = error instanceof ApiError && !error.unreachable && !(untilFound && error.status === 404);
    return rejected ? false : RETRY_MS;
  };
}
