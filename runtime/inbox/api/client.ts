import { query, request, setToken } from './http.ts';
import type { Agent, Attribute, Attributes, ConversationSummary, Settings, Team, User } from './types.ts';
import type { RoutingRule } from '../../../shared/routing/types.ts';
import type { Outcome as WhatIfOutcome, WhatIfResult } from '../../server/routing/whatIf.ts';

/** Every HTTP call of the inbox, in one place (docs/openapi.yaml lists the routes). */
export const api = {
  async signIn(email: string, password: string): Promise<void> {
    const { token } = await request<{ token: string }>('POST', '/api/session', { email, password });
    setToken(token);
  },
  async signOut(): Promise<void> {
    try {
      await request('DELETE', '/api/session');
    } finally {
      setToken(undefined);
    }
  },
  me: () => request<User>('GET', '/api/me'),
  updateMe: (patch: { name?: string; password?: string; currentPassword?: string }) =>
    request<User>('PATCH', '/api/me', patch),
  uploadAvatar: (file: Blob) => request<User>('PUT', '/api/me/avatar', undefined, { raw: file }),
  removeAvatar: () => request<User>('DELETE', '/api/me/avatar'),

  users: () => request<User[]>('GET', '/api/users'),
  createUser: (
    u: { email: string; name: string; password: string } & Pick<User, 'roles' | 'canPublish' | 'liveChat' | 'viewAll'>,
  ) => request<User>('POST', '/api/users', u),
  updateUser: (
    id: string,
    patch: Partial<Pick<User, 'name' | 'email' | 'roles' | 'canPublish' | 'liveChat' | 'viewAll'>> & {
      password?: string;
    },
  ) => request<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch),
  deleteUser: (id: string) => request<void>('DELETE', `/api/users/${encodeURIComponent(id)}`),
  agents: () => request<Agent[]>('GET', '/api/agents'),

  teams: () => request<Team[]>('GET', '/api/teams'),
  createTeam: (t: { id?: string; name: string; members: string[] }) => request<Team>('POST', '/api/teams', t),
  updateTeam: (id: string, patch: { name?: string; members?: string[] }) =>
    request<Team>('PATCH', `/api/teams/${encodeURIComponent(id)}`, patch),
  deleteTeam: (id: string) => request<void>('DELETE', `/api/teams/${encodeURIComponent(id)}`),

  settings: () => request<Settings>('GET', '/api/settings'),
  updateSettings: (patch: Partial<Settings>) => request<Settings>('PATCH', '/api/settings', patch),

  rules: () => request<Rule[]>('GET', '/api/rules'),
  saveRules: (rules: Rule[]) => request<Rule[]>('PUT', '/api/rules', rules),

  attributes: () => request<Attributes>('GET', '/api/attributes'),
  addAttribute: (a: { name: string; label?: string }) => request<Attribute>('POST', '/api/attributes', a),
  deleteAttribute: (name: string) => request<void>('DELETE', `/api/attributes/${encodeURIComponent(name)}`),

  decisions: (f: {
    visitor?: string;
    agent?: string;
    conversation?: string;
    from?: number;
    to?: number;
    limit?: number;
  }) => request<DecisionRow[]>('GET', `/api/routing/decisions${query(f)}`),
  whatIf: (body: WhatIfRequest) => request<WhatIfResult>('POST', '/api/routing/what-if', body),

  /** Without `agent`: every conversation (view-all and admins); with the agent's own id: "mine". */
  conversations: (f: { agent?: string; visitor?: string; status?: string; limit?: number; before?: number }) =>
    request<ConversationSummary[]>('GET', `/api/conversations${query(f)}`),
  conversation: (id: string) => request<ConversationDetail>('GET', `/api/conversations/${encodeURIComponent(id)}`),
};

/** A custom routing rule as stored: the engine's rule plus an optional name for people. */
export type Rule = RoutingRule & { name?: string };

/** A stored routing decision: the engine's decision (in `detail`) plus the conversation it concerns. */
export interface DecisionRow {
  id?: number;
  at: number;
  conversationId: string;
  visitorId?: string | null;
  event: string;
  agentId?: string | null;
  reason?: string | null;
  why: string;
  detail?: {
    pool?: string;
    rule?: string;
    retry?: boolean;
    skipped?: { agent: string; reason: string }[];
    skippedMore?: number;
  };
}

export interface WhatIfRequest {
  rules?: Rule[];
  settings?: Partial<Pick<Settings, 'acceptTimeoutSec' | 'maxChatsPerAgent' | 'trialEngagementLimit'>>;
  plan?: Settings['plan'];
  agents?: { id: string; status?: 'online' | 'away' | 'offline'; liveChat?: boolean; teams?: string[] }[];
  from?: number;
  to?: number;
}

/** The what-if answer is the server's own type (type-only import: no server code reaches the browser). */
export type { WhatIfResult, WhatIfOutcome };

export interface ConversationDetail extends ConversationSummary {
  items: import('../../../shared/protocol/common.ts').TranscriptItem[];
  decisions?: DecisionRow[];
}
