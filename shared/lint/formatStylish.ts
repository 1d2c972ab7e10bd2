import type { Diagnostic } from './diagnostic.ts';

/**
 * Diagnostics as text in the manner of ESLint's "stylish" formatter: the file name, one aligned row per diagnostic
 * (`card  severity  message  code`; `-` for stream-level findings), then a summary line. Empty when there is nothing
 * to report, as ESLint does.
 */
export function formatStylish(file: string, diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '';
  const rows = diagnostics.map((d) => [d.cardId ?? '-', d.severity, d.message, d.code]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => `  ${r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell)).join('  ')}`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const summary = `✖ ${plural(diagnostics.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return `\n${file}\n${lines.join('\n')}\n\n${summary}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
