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
import { NEXT_PORT, type Edge } from '../stream/model.ts';

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
  // Most cards have no finding: the list is only made for those that do (a full lint runs this for every card).
  const list = new Collector();
  if (node) {
    const f = node.facts;
    list.addAll(f.diagnostics);
    list.add(pokeNotFirst(id, f.poke, env.start));
    if (f.tokens.length > 0) list.addAll(unknownToken(id, f.tokens, env.isDefined));
    if (f.valid && f.flags & IS_LIVE_CHAT) {
      list.add(liveChatUnknownTarget(id, f.routing, env.ctx));
    }
    if (f.valid && f.ports !== null && (f.ports.length > 1 || (f.ports.length === 1 && f.ports[0] !== NEXT_PORT))) {
      list.addAll(unconnectedPort(id, f.type, f.ports, f.portLabels, (port) => hasPort(out, port)));
    }
  }
  if (out && out.length > 0) edgeDiagnostics(id, node, out, env, list);
  return list.sorted();
}

class Collector {
  private list: Diagnostic[] | undefined;

  add(d: Diagnostic | undefined): void {
    if (d) (this.list ??= []).push(d);
  }

  addAll(ds: readonly Diagnostic[]): void {
    if (ds.length > 0) (this.list ??= []).push(...ds);
  }

  sorted(): readonly Diagnostic[] {
    if (!this.list) return NONE;
    if (this.list.length > 1) this.list.sort(compareDiagnostics);
    return this.list;
  }
}

function edgeDiagnostics(
  id: string,
  node: NodeRec | undefined,
  out: readonly EdgeRec[],
  env: LocalEnv,
  list: Collector,
): void {
  const liveChat = node !== undefined && (node.facts.flags & IS_LIVE_CHAT) !== 0;
  const ports = node ? node.facts.ports : null;
  for (const rec of out) {
    const e = rec.edge;
    if (liveChat) list.add(liveChatNotLast(e));
    list.add(danglingEdge(e, node !== undefined, liveChat ? null : ports, env.hasCard(e.to)));
  }
  if (out.length < 2 || !node || liveChat) return;
  // Several edges on a port that does not exist are dangling already; on a live chat, not-last already.
  const onPorts: Edge[] = [];
  for (const rec of out) if (ports === null || ports.includes(rec.edge.port)) onPorts.push(rec.edge);
  if (onPorts.length > 1) list.addAll(duplicateEdge(id, onPorts));
}

function hasPort(out: readonly EdgeRec[] | undefined, port: string): boolean {
  if (!out) return false;
  for (const rec of out) if (rec.edge.port === port) return true;
  return false;
}
