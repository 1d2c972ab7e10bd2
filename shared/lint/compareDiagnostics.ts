import type { Diagnostic } from './diagnostic.ts';

/**
 * Order of diagnostics that belong to the same card (or to the stream): errors first, then by code, edge, port
 * and message. Total on distinct diagnostics, so the output order never depends on how it was computed.
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return (
    cmp(a.code, b.code) ||
    cmp(a.cardId ?? '', b.cardId ?? '') ||
    cmp(a.edgeId ?? '', b.edgeId ?? '') ||
    cmp(a.port ?? '', b.port ?? '') ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether two lists hold the same diagnostics in the same order (field by field). */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.code !== y.code ||
      x.cardId !== y.cardId ||
      x.edgeId !== y.edgeId ||
      x.port !== y.port ||
      x.message !== y.message
    ) {
      return false;
    }
  }
  return true;
}
