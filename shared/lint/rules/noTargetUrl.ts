import type { LintContext } from '../context.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';

/** `no-target-url`: publishing a dialogue that targets no page would show it nowhere. */
export function noTargetUrl(ctx: LintContext): Diagnostic | undefined {
  if (!ctx.publishing || !ctx.dialogue) return undefined;
  if (ctx.dialogue.targetUrls.some((u) => u.trim() !== '')) return undefined;
  return diagnostic(
    'no-target-url',
    {},
    'The dialogue has no target URL, so it would show on no page: add at least one URL pattern (e.g. /pricing or *) before publishing.',
  );
}
