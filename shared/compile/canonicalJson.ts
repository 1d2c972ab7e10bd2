import { setOwn } from './setOwn.ts';

/**
 * JSON whose text depends on a value's content only, never on the order its keys were written in: no whitespace,
 * and the members of every object in one fixed order — integer-like keys ascending (JavaScript always orders those
 * first, numerically), then the other keys in code-unit order. Engines agree on that order and on JSON.stringify's
 * number and string formatting, so the browser and Node produce the same text (and hash).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value)) ?? 'null';
}

/**
 * The value with every object's keys in canonical order. Parts already in order are returned as they are (not
 * copied), so canonicalizing compile output, which is built in order, costs one read-only walk (SPEC §9 budget).
 */
export function canonicalize<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = canonicalize(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return (out ?? value) as T;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  let replaced: Map<string, unknown> | undefined;
  for (const k of keys) {
    const v = canonicalize(obj[k]);
    if (v !== obj[k]) (replaced ??= new Map()).set(k, v);
  }
  if (replaced === undefined && inOrder(keys)) return value;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) setOwn(out, k, replaced?.has(k) ? replaced.get(k) : obj[k]);
  return out as T;
}

/** Object.keys lists integer-like keys first (already ascending); the rest must be in code-unit order. */
function inOrder(keys: string[]): boolean {
  let prev: string | undefined;
  for (const k of keys) {
    if (isIndex(k)) continue;
    if (prev !== undefined && prev > k) return false;
    prev = k;
  }
  return true;
}

function isIndex(k: string): boolean {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && String(Number(k) >>> 0) === k && k !== '4294967295';
}
