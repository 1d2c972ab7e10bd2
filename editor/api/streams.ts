import { api } from './client.ts';
import type { Dialogue, Me, StreamSummary, VersionDetail, VersionSummary } from './types.ts';

/** The calls the editor makes (one place, so that a route change is one edit). */
export const streamsApi = {
  signIn: (email: string, password: string) =>
    api<{ token: string }>('/api/session', { method: 'POST', body: { email, password } }),
  signOut: () => api('/api/session', { method: 'DELETE' }),
  me: () => api<Me>('/api/me'),
  list: async () => listOf<StreamSummary>(await api<unknown>('/api/streams'), 'streams'),
  create: (doc: unknown) => api<{ id: string }>('/api/streams', { method: 'POST', body: doc }),
  get: (id: string) => api<StreamSummary & Record<string, unknown>>(`/api/streams/${enc(id)}`),
  exportDoc: (id: string) => api<unknown>(`/api/streams/${enc(id)}/export`),
  rename: (id: string, name: string) => api(`/api/streams/${enc(id)}`, { method: 'PATCH', body: { name } }),
  remove: (id: string) => api(`/api/streams/${enc(id)}`, { method: 'DELETE' }),
  duplicate: (id: string) => api<{ id: string }>(`/api/streams/${enc(id)}/duplicate`, { method: 'POST', body: {} }),
  lintContext: (id: string) => api<Record<string, unknown>>(`/api/streams/${enc(id)}/lint-context`),
  publish: (id: string) =>
    api<{ version: number; hash: string }>(`/api/streams/${enc(id)}/publish`, { method: 'POST', body: {} }),
  versions: async (id: string) =>
    listOf<VersionSummary>(await api<unknown>(`/api/streams/${enc(id)}/versions`), 'versions'),
  version: (id: string, v: number) => api<VersionDetail>(`/api/streams/${enc(id)}/versions/${v}`),
  rollback: (id: string, version: number) =>
    api(`/api/streams/${enc(id)}/rollback`, { method: 'POST', body: { version } }),
  agents: async () =>
    listOf<{ id: string; name: string; teams?: string[] }>(await api<unknown>('/api/agents'), 'agents'),
  teams: async () => listOf<{ id: string; name: string }>(await api<unknown>('/api/teams'), 'teams'),
  attributes: async () =>
    listOf<string | { name: string; custom?: boolean; standard?: boolean }>(
      await api<unknown>('/api/attributes'),
      'attributes',
    ),
  dialogues: async () => listOf<Dialogue>(await api<unknown>('/api/dialogues'), 'dialogues'),
  createDialogue: (d: Omit<Dialogue, 'id'>) => api<Dialogue>('/api/dialogues', { method: 'POST', body: d }),
  updateDialogue: (id: string, d: Partial<Dialogue>) =>
    api<Dialogue>(`/api/dialogues/${enc(id)}`, { method: 'PATCH', body: d }),
};

function enc(id: string): string {
  return encodeURIComponent(id);
}

/** Accepts either a bare array or `{ <key>: [...] }`: lists are read the same whichever the server sends. */
function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return Array.isArray(inner) ? (inner as T[]) : [];
}
