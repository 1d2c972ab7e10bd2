import type { Diagnostic } from './diagnostic.ts';

/** Whether any diagnostic is an error: errors block publishing and make `tributary lint` exit 1. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
