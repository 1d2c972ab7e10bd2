import type { CompiledStream } from '../compile/format.ts';
import { advance } from './advance.ts';
import type { SessionFacts, SessionStep } from './session.ts';

/**
 * Starts a conversation on a compiled stream with the visitor's known attributes: runs from the start card to the
 * first card that waits for a reply (or to the end). Pure: same input, same output.
 */
export function startSession(
  compiled: CompiledStream,
  attributes: Readonly<Record<string, string>> = {},
  facts: SessionFacts = {},
): SessionStep {
  return advance(compiled, compiled.start, cleanAttributes(attributes), facts, []);
}

/** Keeps string values only: attributes come from outside (widget, CLI) and must not carry other types. */
function cleanAttributes(attributes: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) if (typeof v === 'string') out[k] = v;
  return out;
}
