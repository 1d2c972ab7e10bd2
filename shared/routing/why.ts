/** How many skipped agents a decision lists by name; the rest are counted (keeps a decision O(1) in agents). */
export const MAX_LISTED = 10;
