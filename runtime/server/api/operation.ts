import { z } from 'zod';
import type { BodyOf, JsonStatus, Operation, ParamsOf, QueryOf, ResponseOf } from '../../../shared/api/operation.ts';
import { parseBody } from '../http/body.ts';
import { HttpError, json, type Req, type Res, type Route } from '../http/types.ts';

/**
 * What a handler gets besides the request: its operation's input, validated with the operation's schemas on first
 * read (so that a handler checks who is calling before it looks at the input: 401/403 come before 400), and `json`,
 * typed with the operation's response schemas.
 */
export interface Call<O extends Operation> {
  readonly params: ParamsOf<O>;
  readonly query: QueryOf<O>;
  readonly body: BodyOf<O>;
  json<S extends JsonStatus<O>>(status: S, value: ResponseOf<O, S>, headers?: Record<string, string>): Res;
}

const served = new WeakMap<Route, Operation>();

export interface Serve<O extends Operation> {
  handler(req: Req, call: Call<O>): Res | Promise<Res>;
}

/** A route of the table that serves `op`: method, path and body limit come from the operation. */
export function route<O extends Operation>(op: O, serve: Serve<O>): Route {
  const r: Route = {
    method: op.method,
    path: op.path,
    ...(op.maxBody !== undefined ? { maxBody: op.maxBody } : {}),
    // Only a public operation's body is read before the caller is known (transport/http.ts).
    ...(op.access === 'public' ? { public: true } : {}),
    handler: (req) => serve.handler(req, call(op, req)),
  };
  served.set(r, op);
  return r;
}

/** The operation a route serves (undefined for a route not built with `route`). */
export function operationOf(r: Route): Operation | undefined {
  return served.get(r);
}

function call<O extends Operation>(op: O, req: Req): Call<O> {
  const cache: Partial<Record<'params' | 'query' | 'body', unknown>> = {};
  const once = (key: 'params' | 'query' | 'body', read: () => unknown) =>
    key in cache ? cache[key] : (cache[key] = read());
  return {
    get params() {
      return once('params', () => (op.params ? check(op.params, req.params, 'params.') : {})) as ParamsOf<O>;
    },
    get query() {
      return once('query', () => (op.query ? check(op.query, queryObject(req.query), '') : {})) as QueryOf<O>;
    },
    get body() {
      return once('body', () => {
        if (!op.body) return undefined;
        // A stream document is checked by the interchange parser (422 naming the card); here only JSON is required.
        return op.bodyCheckedByHandler ? parseBody(req, z.unknown()) : parseBody(req, op.body);
      }) as BodyOf<O>;
    },
    json: (status, value, headers) => json(status, value, headers),
  };
}

/** Query parameters as an object; empty values count as absent (`?limit=` is no limit). */
function queryObject(q: URLSearchParams): Record<string, string> {
  const o: Record<string, string> = {};
  for (const [k, v] of q) if (v !== '' && !(k in o)) o[k] = v;
  return o;
}

/** 400 naming the first bad field: `params.id: …` for a path parameter, `limit: …` for a query parameter. */
function check(schema: z.ZodType, value: unknown, prefix: string): unknown {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = `${prefix}${issue.path.join('.') || 'value'}`;
  throw new HttpError(400, 'invalid', `${field}: ${issue.message}`, undefined, undefined, { field });
}
