/** A share as a whole percentage ("<1%" for a small non-zero one), '' when unknown. */
export function formatShare(share: number | null): string {
  if (share === null) return '';
  if (share > 0 && share < 0.005) return '<1%';
  return `${Math.round(share * 100)}%`;
}
