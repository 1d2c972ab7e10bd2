import { DEFAULT_SETTINGS, mergeSettings } from '../../../shared/routing/settings.ts';
import { runScenario, type Scenario } from '../../../shared/routing/scenario.ts';
import type { AgentStatus, Decision, RoutingEvent, RoutingWorkspace } from '../../../shared/routing/types.ts';
import type { Why } from '../../../shared/routing/whys.ts';

export interface LoggedEvent {
  /** Epoch ms. */
  at: number;
  event: RoutingEvent;
}

export interface Outcome {
  visitor: string;
  /** `connected <agent>` or `fallback <reason>` or `pending`, the end of the request's story. */
  outcome: string;
  decisions: { at: number; event: string; agent?: string; reason?: string; why: string; whys: Why[] }[];
}

export interface WhatIfResult {
  from: number;
  to: number;
  requests: number;
  changed: number;
  differences: { visitor: string; before: Outcome; after: Outcome }[];
  summary: { before: Record<string, number>; after: Record<string, number> };
}

/** The live-chat events that a replay feeds again (workspace changes come from the workspace given). */
const REPLAYED = new Set(['request', 'accept', 'decline', 'end', 'status']);

/**
 * Re-runs logged routing requests through the shared scenario runner twice, with the workspace as it is and
 * with the admin's edits, and returns the requests whose outcome differs. Agents' accepts and declines are
 * replayed as they happened: an accept by an agent who, in the edited run, holds no offer changes nothing (the
 * engine notes it), which is exactly the question "who would have been offered this chat?".
 */
export function whatIf(
  log: LoggedEvent[],
  current: RoutingWorkspace,
  edited: RoutingWorkspace,
  from: number,
  to: number,
): WhatIfResult {
  const events = log.filter((e) => REPLAYED.has(e.event.type));
  const before = outcomes(runScenario(scenario(current, events, from)).decisions, from);
  const after = outcomes(runScenario(scenario(edited, events, from)).decisions, from);
  const differences: WhatIfResult['differences'] = [];
  for (const [visitor, b] of before) {
    const a = after.get(visitor)!;
    if (a && a.outcome !== b.outcome) differences.push({ visitor, before: b, after: a });
  }
  const count = (m: Map<string, Outcome>) => {
    const c: Record<string, number> = {};
    for (const o of m.values()) {
      const k = o.outcome.split(' ')[0];
      c[k] = (c[k] ?? 0) + 1;
    }
    return c;
  };
  return {
    from,
    to,
    requests: before.size,
    changed: differences.length,
    differences,
    summary: { before: count(before), after: count(after) },
  };
}

function scenario(ws: RoutingWorkspace, events: LoggedEvent[], from: number): Scenario {
  return {
    plan: ws.plan,
    settings: mergeSettings(DEFAULT_SETTINGS, ws.settings),
    startsAt: new Date(from).toISOString(),
    agents: (ws.agents ?? []).map((a) => ({
      id: a.id,
      teams: a.teams ?? [],
      liveChat: a.liveChat ?? true,
      status: initialStatus(a.id, a.status ?? 'offline', events),
    })),
    teams: ws.teams ?? [],
    rules: ws.rules ?? [],
    engagementsUsed: ws.engagementsUsed ?? 0,
    events: events.map((e) => ({ ...e.event, at: Math.max(0, (e.at - from) / 1000) })) as Scenario['events'],
  };
}

/**
 * An agent's availability when the window opened: the log says how it changed, not where it started. A first
 * change to online means they were not online before; a first change away from online means they were; no
 * change at all means it is what it is now.
 */
function initialStatus(agent: string, now: AgentStatus, events: LoggedEvent[]): AgentStatus {
  const first = events.find((e) => e.event.type === 'status' && e.event.agent === agent)?.event as
    Extract<RoutingEvent, { type: 'status' }> | undefined;
  if (!first) return now;
  return first.status === 'online' ? 'offline' : 'online';
}

function outcomes(decisions: Decision[], from: number): Map<string, Outcome> {
  const m = new Map<string, Outcome>();
  for (const d of decisions) {
    let o = m.get(d.visitor);
    if (!o) m.set(d.visitor, (o = { visitor: d.visitor, outcome: 'pending', decisions: [] }));
    o.decisions.push({
      at: Math.round(from + d.at * 1000),
      event: d.event,
      ...(d.agent ? { agent: d.agent } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
      why: d.why,
      whys: d.whys,
    });
    if (d.event === 'connected') o.outcome = `connected ${d.agent}`;
    if (d.event === 'fallback') o.outcome = `fallback ${d.reason}`;
  }
  return m;
}
