/** The single change (one delete and one insert between the common prefix and suffix) that turns `a` into `b`,
 * never splitting a surrogate pair: how a whole new value of a text becomes the smallest edit of its Y.Text. */
export function textDiff(a: string, b: string): { index: number; remove: number; insert: string } {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p > 0 && isHighSurrogate(a.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(a.charCodeAt(a.length - s))) s--;
  return { index: p, remove: a.length - p - s, insert: b.slice(p, b.length - s) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
