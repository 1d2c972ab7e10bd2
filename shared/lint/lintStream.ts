import type { Stream } from '../stream/model.ts';
import type { LintContext } from './context.ts';
import { createIncrementalLinter } from './createIncrementalLinter.ts';
import type { Diagnostic } from './diagnostic.ts';

/**
 * Lints a whole stream (SPEC §3): card rules, graph rules and, with a context, the workspace rules. Diagnostics
 * come stream-level first, then by the order of `stream.cards`, errors before warnings, then by code.
 * The same engine as the editor's incremental linter, run once from scratch.
 */
export function lintStream(stream: Stream, ctx: LintContext = {}): Diagnostic[] {
  return createIncrementalLinter(ctx).update(stream, 'all');
}
