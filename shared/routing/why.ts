import type { Skip } from './types.ts';

/** How many skipped agents a decision lists by name; the rest are counted (keeps a decision O(1) in agents). */
export const MAX_LISTED = 10;

/** `ann (away), bob (at capacity 10/10) and 3 more`. */
export function listSkips(skips: Skip[], more = 0): string {
  let text = '';
  for (let i = 0; i < skips.length; i++) text += `${i ? ', ' : ''}${skips[i].agent} (${skips[i].reason})`;
  return more > 0 ? `${text} and ${more} more` : text;
}

/** Seconds for people: at most three decimals, no float noise such as 45.099999. */
export function secs(n: number): string {
  return `${Math.round(n * 1000) / 1000} s`;
}

/** `1 pending offer`, `2 pending offers`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
