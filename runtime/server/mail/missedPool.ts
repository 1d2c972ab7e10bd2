import type { Routing } from '../../../shared/routing/types.ts';
import type { Store } from '../store/store.ts';
import type { Pool } from './mailer.ts';

/**
 * Whose agents hear of a missed chat: the pool its request was routed to — a team's members, the one agent it
 * named — or every agent with live chat (round robin, balanced, rules that fell through).
 */
export function poolOfRouting(routing: Routing | undefined, retryTeam?: string): Pool {
  if (routing?.mode === 'team') return { teamId: routing.teamId };
  if (routing?.mode === 'agent') return { agentId: routing.agentId };
  if (retryTeam) return { teamId: retryTeam };
  return 'all';
}

/** The pool of a conversation whose request is closed, from the pools its stored decisions name (newest first). */
export function poolOfDecisions(decisions: readonly { detail: unknown }[]): Pool {
  for (const d of decisions) {
    const label = (d.detail as { pool?: unknown } | null)?.pool;
    if (typeof label !== 'string') continue;
    const [kind, id] = label.split(' ', 2);
    if (kind === 'team' && id) return { teamId: id };
    if (kind === 'agent' && id) return { agentId: id };
    return 'all';
  }
  return 'all';
}

/** The user ids of a pool's agents: the team's members, the one agent, or every user with live chat. */
export async function agentsOfPool(store: Pick<Store, 'users' | 'teams'>, pool: Pool): Promise<string[]> {
  if (pool === 'all') return (await store.users.list()).filter((u) => u.liveChat).map((u) => u.id);
  if ('agentId' in pool) return [pool.agentId];
  return [...((await store.teams.get(pool.teamId))?.members ?? [])];
}
