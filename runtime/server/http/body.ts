import type { z } from 'zod';
import { MAX_JSON_DEPTH, jsonDepth } from '../security/nesting.ts';
import { HttpError, type Req } from './types.ts';

/** Parses the JSON body with `schema`: 400 naming the first bad field (never an exception into the transport). */
export function parseBody<T>(req: Req, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'bad-json', 'the body is not valid JSON');
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH)
    throw new HttpError(400, 'too-deep', `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
  return validate(value, schema);
}

export function validate<T>(value: unknown, schema: z.ZodType<T>, status = 400): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'body';
  throw new HttpError(status, 'invalid', `${where}: ${issue.message}`, undefined, undefined, { field: where });
}

/** A query parameter as an integer, or 400. */
export function intParam(req: Req, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new HttpError(400, 'invalid', `${name}: must be an integer from ${min} to ${max}`);
  return n;
}

export function notFound(what: string): HttpError {
  return new HttpError(404, 'not-found', `${what} not found`);
}
