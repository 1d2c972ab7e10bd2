import { compileLinted } from '../shared/compile/compileLinted.ts';
import type { CompiledStream } from '../shared/compile/format.ts';
import { formatDiagnostic } from './formatDiagnostic.ts';
import { readStreamFile } from './input.ts';

/**
 * Reads, lints and compiles a stream file for `compile` and `simulate`. With lint errors it writes the diagnostics
 * to stderr, one per line, and returns `undefined` (the command exits 1, nothing on stdout).
 */
export async function compileFile(path: string): Promise<CompiledStream | undefined> {
  const stream = await readStreamFile(path);
  const result = compileLinted(stream);
  if (result.ok) return result.compiled;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  process.stderr.write(`${path}: ${errors.length} lint error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} first\n`);
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  return undefined;
}
