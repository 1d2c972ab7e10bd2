/** The single change (one delete and one insert between the common prefix and suffix) that turns `a` into `b`,
 * never splitting a surrogate pair: how a whole new value of a text becomes the smallest edit of its Y.Text.
 *
 * `caret` is where the caret is in `b` after the user's edit, when known. An edit ends at the caret (typing, pasting,
 * deleting backwards) or starts there (deleting forwards), so the change is placed to end at or after it. Without
 * it, "ab|c" + "c" → "abcc" is ambiguous and the new "c" would be placed after the old one: in a shared text that old
 * "c" may be a colleague's, and this user's caret would then stick to the colleague's character instead of their own
 * (their next letters landing before their own first one). */
export function textDiff(a: string, b: string, caret?: number): { index: number; remove: number; insert: string } {
  const max = Math.min(a.length, b.length);
  if (caret === undefined || caret < 0 || caret > b.length) {
    const p = commonPrefix(a, b, max);
    const s = commonSuffix(a, b, max - p);
    return { index: p, remove: a.length - p - s, insert: b.slice(p, b.length - s) };
  }
  // Suffix first, bounded so that the change ends at or after the caret; then the longest prefix before it.
  const s = commonSuffix(a, b, Math.min(max, b.length - caret));
  const p = commonPrefix(a, b, max - s);
  return { index: p, remove: a.length - p - s, insert: b.slice(p, b.length - s) };
}

function commonPrefix(a: string, b: string, limit: number): number {
  let p = 0;
  while (p < limit && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p > 0 && isHighSurrogate(a.charCodeAt(p - 1))) p--;
  return p;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let s = 0;
  while (s < limit && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(a.charCodeAt(a.length - s))) s--;
  return s;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
