import type { LintContext } from '../lint/context.ts';
import type { Diagnostic } from '../lint/diagnostic.ts';
import { hasErrors } from '../lint/hasErrors.ts';
import { lintStream } from '../lint/lintStream.ts';
import type { Stream } from '../stream/model.ts';
import { compileStream } from './compileStream.ts';
import type { CompiledStream } from './format.ts';

export type CompileResult =
  { ok: true; compiled: CompiledStream; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Lints, then compiles when lint finds no error (publish, `tributary compile`, `tributary simulate`). Warnings do not
 * block and are returned with the compiled stream.
 */
export function compileLinted(stream: Stream, ctx: LintContext = {}): CompileResult {
  const diagnostics = lintStream(stream, ctx);
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  return { ok: true, compiled: compileStream(stream), diagnostics };
}
