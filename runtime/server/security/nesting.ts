/**
 * How deep a JSON body may nest (objects and arrays). A stream document with conditions nested 32 deep stays well
 * under it; past it the request is refused with 400 `too-deep` before any schema or recursive code walks the value
 * (a recursive walk of a deep enough value overflows the stack: a 500 for everyone's request on that path).
 */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of a parsed JSON value, counted without recursion; stops counting once past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}
