import type { LintContext } from '../context.ts';
import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/**
 * `live-chat-unknown-target`: a live-chat card routes to an agent or team the workspace does not have. Runs only
 * when the context lists agents (for `agent` routing) or teams (for `team` routing).
 */
export function liveChatUnknownTarget(cardId: string, routing: unknown, ctx: LintContext): Diagnostic | undefined {
  const r = routing as { mode?: unknown; agentId?: unknown; teamId?: unknown } | undefined;
  if (r?.mode === 'agent' && typeof r.agentId === 'string' && ctx.agents) {
    if (ctx.agents.some((a) => a.id === r.agentId)) return undefined;
    return diagnostic(
      'live-chat-unknown-target',
      { cardId },
      `Live chat ${q(cardId)} routes to the agent ${q(r.agentId)}, who does not exist: choose an existing agent or another routing.`,
    );
  }
  if (r?.mode === 'team' && typeof r.teamId === 'string' && ctx.teams) {
    if (ctx.teams.some((t) => t.id === r.teamId)) return undefined;
    return diagnostic(
      'live-chat-unknown-target',
      { cardId },
      `Live chat ${q(cardId)} routes to the team ${q(r.teamId)}, which does not exist: choose an existing team or another routing.`,
    );
  }
  return undefined;
}
