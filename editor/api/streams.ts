import type { StreamDocument } from '../../shared/stream/interchange.ts';
import { call } from '../../web/api/client.ts';
import type { Dialogue, NewDialogue } from './types.ts';

/**
 * The calls the editor makes, through the web apps' one client (web/api/client.ts): payloads and answers are typed
 * by the route table in shared/api.
 */
export const streamsApi = {
  me: () => call('getMe'),
  list: () => call('listStreams'),
  create: (doc: StreamDocument) => call('importStream', { body: doc }),
  get: (id: string) => call('getStream', { params: { id } }),
  exportDoc: (id: string) => call('exportStream', { params: { id } }),
  rename: (id: string, name: string) => call('renameStream', { params: { id }, body: { name } }),
  remove: (id: string) => call('deleteStream', { params: { id } }),
  duplicate: (id: string) => call('duplicateStream', { params: { id } }),
  lintContext: (id: string) => call('getLintContext', { params: { id } }),
  publish: (id: string) => call('publishStream', { params: { id }, body: {} }),
  versions: (id: string) => call('listVersions', { params: { id } }),
  version: (id: string, version: number) => call('getVersion', { params: { id, version } }),
  rollback: (id: string, version: number) => call('rollbackStream', { params: { id }, body: { version } }),
  agents: () => call('listAgents'),
  teams: () => call('listTeams'),
  attributes: () => call('listAttributes'),
  dialogues: () => call('listDialogues'),
  createDialogue: (d: NewDialogue) => call('createDialogue', { body: d }),
  updateDialogue: (id: string, d: Partial<Omit<Dialogue, 'id' | 'createdAt' | 'updatedAt'>>) =>
    call('updateDialogue', { params: { id }, body: d }),
};
