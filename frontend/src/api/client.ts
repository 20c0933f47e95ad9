// A small typed client over the backend's OpenAPI document (src/api/schema.d.ts): GETs, and the POSTs of actions.
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

/** One problem the API names in a refused request: where (e.g. ["body", "lines", 2, "qty"]) and what. */
export interface ApiErrorDetail {
  loc: readonly (string | number)[];
  msg: string;
  type: string;
}

/** A failed request: status 0 when the API could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  /** The API's `detail` items, when it gave them as a list. */
  readonly details: readonly ApiErrorDetail[];

  constructor(status: number, message: string, details: readonly ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = details;
  }

  /** The API is down or unreachable (as opposed to rejecting the request). */
  get unreachable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** A request the API refused (4xx), which a page explains where it happened rather than in its banner. */
export const isRefusal = (error: Error | null): boolean => error instanceof ApiError && !error.unreachable;

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

function detailsOf(body: unknown): ApiErrorDetail[] {
  const detail = typeof body === 'object' && body !== null && 'detail' in body ? body.detail : null;
  if (!Array.isArray(detail)) return [];
  return detail.filter(
    (d: Partial<ApiErrorDetail>): d is ApiErrorDetail => typeof d?.msg === 'string' && Array.isArray(d.loc),
  );
}

interface Send {
  method?: 'POST';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

async function request(path: string, params: RequestParams, { method, body, signal }: Send): Promise<[unknown, Headers]> {
  let response: Response;
  const json = body !== undefined;
  try {
    response = await fetch(apiUrl(path, params), {
      signal,
      method,
      headers: json ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: json ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'the API cannot be reached');
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = detailOf(answer) ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, detailsOf(answer));
  }
  return [answer, response.headers];
}

export async function apiGet<P extends GetPath>(
  path: P,
  params: Params<P> & RequestParams,
  signal?: AbortSignal,
): Promise<Ok<P>> {
  const [body] = await request(path, params, { signal });
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
  const [body, headers] = await request(path, params, { signal });
  const items = body as Item<P>[];
  const total = Number(headers.get('X-Total-Count') ?? Number.NaN);
  return { items, total: Number.isFinite(total) ? total : items.length };
}

export type PostPath = {
  [P in keyof paths]: paths[P] extends { post: object } ? P : never;
}[keyof paths];
type PostOperation<P extends PostPath> = paths[P] extends { post: infer O } ? O : never;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON a POST answers with (200 or 201). */
export type Posted<P extends PostPath> =
  PostOperation<P> extends { responses: infer R }
    ? R extends { 200: infer A }
      ? Json<A>
      : R extends { 201: infer A }
        ? Json<A>
        : never
    : never;
/** The JSON body a POST takes (undefined: it takes none). */
export type PostBody<P extends PostPath> =
  PostOperation<P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : undefined;
type PostParams<P extends PostPath> = PostOperation<P> extends { parameters: infer Q } ? Q : never;

/** A POST of an action (approve a plan, run the planner, acknowledge an alert…); its JSON answer. */
export async function apiPost<P extends PostPath>(
  path: P,
  params: PostParams<P> & RequestParams,
  body: PostBody<P>,
): Promise<Posted<P>> {
  const [answer] = await request(path, params, { method: 'POST', body });
  return answer as Posted<P>;
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
