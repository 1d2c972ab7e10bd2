import { IS_LIVE_CHAT } from './cardFacts.ts';
import { compareDiagnostics } from './compareDiagnostics.ts';
import type { LintContext } from './context.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { EdgeRec, NodeRec } from './graph/records.ts';
import { danglingEdge } from './rules/danglingEdge.ts';
import { duplicateEdge } from './rules/duplicateEdge.ts';
import { liveChatNotLast } from './rules/liveChatNotLast.ts';
import { liveChatUnknownTarget } from './rules/liveChatUnknownTarget.ts';
import { pokeNotFirst } from './rules/pokeNotFirst.ts';
import { unconnectedPort } from './rules/unconnectedPort.ts';
import { unknownToken } from './rules/unknownToken.ts';
import type { Edge } from '../stream/model.ts';

/** What the card-local rules read besides the card and its outgoing edges. */
export interface LocalEnv {
  start: string | null;
  ctx: LintContext;
  hasCard(id: string): boolean;
  isDefined(attribute: string): boolean;
}

const NONE: readonly Diagnostic[] = [];

/**
 * The diagnostics that depend only on one card, its outgoing edges and a little of the stream (start card, defined
 * attributes, whether targets exist). `id` may name a card that does not exist when edges still leave it.
 * Sorted with compareDiagnostics.
 */
export function localDiagnostics(
  id: string,
  node: NodeRec | undefined,
  out: readonly EdgeRec[] | undefined,
  env: LocalEnv,
): readonly Diagnostic[] {
  const list: Diagnostic[] = [];
  if (node) {
    const f = node.facts;
    if (f.diagnostics.length > 0) list.push(...f.diagnostics);
    const poke = pokeNotFirst(id, f.poke, env.start);
    if (poke) list.push(poke);
    if (f.tokens.length > 0) list.push(...unknownToken(id, f.tokens, env.isDefined));
    if (f.valid && f.flags & IS_LIVE_CHAT) {
      const target = liveChatUnknownTarget(id, (f.data as { routing?: unknown }).routing, env.ctx);
      if (target) list.push(target);
    }
    if (f.valid && f.ports !== null && f.ports.length > 0) {
      list.push(...unconnectedPort(id, f.type, f.data, f.ports, (port) => hasPort(out, port)));
    }
  }
  if (out && out.length > 0) edgeDiagnostics(id, node, out, env, list);
  if (list.length === 0) return NONE;
  if (list.length > 1) list.sort(compareDiagnostics);
  return list;
}

function edgeDiagnostics(
  id: string,
  node: NodeRec | undefined,
  out: readonly EdgeRec[],
  env: LocalEnv,
  list: Diagnostic[],
): void {
  const liveChat = node !== undefined && (node.facts.flags & IS_LIVE_CHAT) !== 0;
  const ports = node ? node.facts.ports : null;
  for (const rec of out) {
    const e = rec.edge;
    if (liveChat) list.push(liveChatNotLast(e));
    const dangling = danglingEdge(e, node !== undefined, liveChat ? null : ports, env.hasCard(e.to));
    if (dangling) list.push(dangling);
  }
  if (out.length < 2 || !node || liveChat) return;
  // Several edges on a port that does not exist are dangling already; on a live chat, not-last already.
  const onPorts: Edge[] = [];
  for (const rec of out) if (ports === null || ports.includes(rec.edge.port)) onPorts.push(rec.edge);
  if (onPorts.length > 1) list.push(...duplicateEdge(id, onPorts));
}

function hasPort(out: readonly EdgeRec[] | undefined, port: string): boolean {
  if (!out) return false;
  for (const rec of out) if (rec.edge.port === port) return true;
  return false;
}
