import { ApiError, type Problem } from './problem.ts';

let csrfToken: string | undefined;
/** The session's CSRF token (from login or /auth/me), sent as X-CSRF-Token on every write. */
export const setCsrfToken = (t: string | undefined) => void (csrfToken = t);

/** Listeners told when the session is gone (401), so the shell can show the login page. */
const onUnauthenticated = new Set<() => void>();
export const subscribeUnauthenticated = (fn: () => void) => {
  onUnauthenticated.add(fn);
  return () => void onUnauthenticated.delete(fn);
};

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const withQuery = (path: string, q?: RequestOptions['query']) => {
  const entries = Object.entries(q ?? {}).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? `${path}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : path;
};

/** Turns any failed response into an ApiError carrying its problem document. */
export async function problemOf(res: Response): Promise<ApiError> {
  let body: Partial<Problem> = {};
  try {
    body = (await res.json()) as Partial<Problem>;
  } catch {
    /* not JSON */
  }
  return new ApiError({
    type: body.type ?? 'about:blank',
    title: body.title ?? res.statusText,
    status: res.status,
    detail: body.detail ?? `${res.status} ${res.statusText}`,
    ...(body.errors ? { errors: body.errors } : {}),
    ...(body.requestId ? { requestId: body.requestId } : {}),
  });
}

/** Calls the API under /api/v1 with the session cookie; JSON in, JSON out, problem+json as ApiError. */
export async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  // one key per user action: the server answers a retried POST from its record instead of doing it twice
  if (method === 'POST' && !Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key'))
    headers['idempotency-key'] = crypto.randomUUID();
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, o.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: o.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ type: 'network', title: 'Network error', status: 0, detail: (e as Error).message });
  }
  if (res.status === 401 && path !== '/auth/login') onUnauthenticated.forEach((fn) => fn());
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, o?: RequestOptions) => request<T>('GET', path, o),
  post: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('POST', path, { ...o, body }),
  put: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PUT', path, { ...o, body }),
  delete: <T>(path: string, o?: RequestOptions) => request<T>('DELETE', path, o),
};

export const csrf = () => csrfToken;
