import { compileLinted } from '../shared/compile/compileLinted.ts';
import type { CompiledStream } from '../shared/compile/format.ts';
import { formatStylish } from '../shared/lint/formatStylish.ts';
import { readStreamFile } from './input.ts';

/**
 * Reads, lints and compiles a stream file for `compile` and `simulate`. With lint errors it writes the diagnostics
 * to stderr as `tributary lint` prints them and returns `undefined` (the command exits 1, nothing on stdout).
 */
export async function compileFile(path: string): Promise<CompiledStream | undefined> {
  const result = compileLinted(await readStreamFile(path));
  if (result.ok) return result.compiled;
  process.stderr.write(
    `${formatStylish(path, result.diagnostics).trimStart()}fix the errors first (tributary lint ${path})\n`,
  );
  return undefined;
}
