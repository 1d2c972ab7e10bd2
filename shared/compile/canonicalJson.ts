/**
 * JSON whose text depends on a value's content only, never on the order its keys were written in: no whitespace,
 * and the members of every object in one fixed order — integer-like keys ascending (JavaScript always orders those
 * first, numerically), then the other keys in code-unit order. Engines agree on that order and on JSON.stringify's
 * number and string formatting, so the browser and Node produce the same text (and hash). Objects whose keys are
 * already in order (all compile output: cards are inserted sorted, data comes from the schemas) are not copied,
 * which keeps hashing a 5,000-card stream close to the cost of JSON.stringify (SPEC §9).
 */
export function canonicalJson(value: unknown): string {
  // A read-only walk is much cheaper than a JSON.stringify replacer, which is called for every value.
  return JSON.stringify(ordered(value) ? value : sortedCopy(value)) ?? 'null';
}

function ordered(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const v of value) if (!ordered(v)) return false;
    return true;
  }
  const keys = Object.keys(value);
  if (!inOrder(keys)) return false;
  for (const k of keys) if (!ordered((value as Record<string, unknown>)[k])) return false;
  return true;
}

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortedCopy((value as Record<string, unknown>)[k]);
  return out;
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
