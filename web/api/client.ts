import type { z } from 'zod';
import type {
  ApiErrorBody,
  ApiErrorReason,
  BodyInputOf,
  Operation,
  QueryInputOf,
  SuccessOf,
} from '../../shared/api/operation.ts';
import { api, type Api, type OperationId } from '../../shared/api/routes.ts';
import { forgetStoredToken } from './token.ts';

// The session is the HttpOnly cookie; a token an earlier version left in localStorage goes.
forgetStoredToken();

/**
 * The one fetch client of the web apps (editor and inbox): calls an operation of the route table by its id, typed
 * from the operation's schemas (no payload type is written twice). Same origin; JSON in, JSON out.
 */

/** A failed call: the HTTP status and the server's `{error:{code,message}}`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole answer (a refused publish carries its diagnostics here). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The parameter or field at fault, where the server named one (`error.field`). */
  get field(): string | undefined {
    return (this.body as ApiErrorBody | undefined)?.error?.field;
  }

  /** The server's finer reason (`error.reason`): what a page says in its language instead of `message`. */
  get reason(): ApiErrorReason | undefined {
    return (this.body as ApiErrorBody | undefined)?.error?.reason;
  }
}

/** What a call sends: path parameters, query, JSON body or raw body, as the operation declares them. */
export type CallInput<O extends Operation> = (O['params'] extends z.ZodObject
  ? { params: { [K in keyof z.input<O['params']>]: string | number } }
  : { params?: undefined }) &
  (O['query'] extends z.ZodObject ? { query?: QueryInputOf<O> } : { query?: undefined }) &
  (O['body'] extends z.ZodType ? { body: BodyInputOf<O> } : { body?: undefined }) &
  (O['rawBody'] extends readonly string[] ? { raw: Blob } : { raw?: undefined });

/** What a call resolves with: the success JSON, or nothing for 204. */
export type CallResult<O extends Operation> = [SuccessOf<O>] extends [never] ? void : SuccessOf<O>;

type Args<O extends Operation> = {} extends CallInput<O> ? [input?: CallInput<O>] : [input: CallInput<O>];

const unauthorized = new Set<() => void>();

/** Called when a call answers 401 (not signing in), so that an app can show its sign-in form again. */
export function onUnauthorized(fn: () => void): () => void {
  unauthorized.add(fn);
  return () => unauthorized.delete(fn);
}

export async function call<K extends OperationId>(id: K, ...[input]: Args<Api[K]>): Promise<CallResult<Api[K]>> {
  const op: Operation = api[id];
  const i = (input ?? {}) as { params?: Record<string, unknown>; query?: object; body?: unknown; raw?: Blob };
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(i.params?.[name])));
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (i.raw) {
    payload = i.raw;
    headers['content-type'] = i.raw.type || 'application/octet-stream';
  } else if (i.body !== undefined) {
    payload = JSON.stringify(i.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path + queryString(i.query), {
      method: op.method,
      headers,
      body: payload,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
  if (res.status === 401 && id !== 'signIn') for (const fn of unauthorized) fn();
  if (res.status === 204) return undefined as CallResult<Api[K]>;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http-${res.status}`,
      err?.message ?? (text.slice(0, 200) || res.statusText),
      json,
    );
  }
  return json as CallResult<Api[K]>;
}

/** `?a=1&b=x` from the defined, non-empty values. */
function queryString(query: object | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
