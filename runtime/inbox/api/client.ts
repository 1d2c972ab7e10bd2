import { call } from '../../../web/api/client.ts';
import { signIn, signOut } from '../../../web/api/session.ts';
import type { CannedScope } from '../../../shared/api/cannedReplies.ts';
import type { EmailSettingsInput } from '../../../shared/api/email.ts';
import type { z } from 'zod';
import type { scheduleSchema } from '../../../shared/routing/scheduleSchema.ts';
import type { WebhookEvent } from '../../../shared/api/webhooks.ts';
import type { ConversationSummary, Rule, Settings, User, WhatIfRequest } from './types.ts';

/**
 * Every HTTP call of the inbox, in one place, through the web apps' one client (web/api/client.ts): payloads and
 * answers are typed by the route table in shared/api.
 */
export const api = {
  async signIn(email: string, password: string): Promise<void> {
    await signIn(email, password);
  },
  signOut,
  me: () => call('getMe'),
  updateMe: (patch: { name?: string; password?: string; currentPassword?: string }) =>
    call('updateMe', { body: patch }),
  uploadAvatar: (file: Blob) => call('uploadAvatar', { raw: file }),
  removeAvatar: () => call('removeAvatar'),

  users: () => call('listUsers'),
  createUser: (
    u: { email: string; name: string; password: string } & Pick<User, 'roles' | 'canPublish' | 'liveChat' | 'viewAll'>,
  ) => call('createUser', { body: u }),
  updateUser: (
    id: string,
    patch: Partial<Pick<User, 'name' | 'email' | 'roles' | 'canPublish' | 'liveChat' | 'viewAll'>> & {
      password?: string;
    },
  ) => call('updateUser', { params: { id }, body: patch }),
  deleteUser: (id: string) => call('deleteUser', { params: { id } }),
  agents: () => call('listAgents'),

  teams: () => call('listTeams'),
  createTeam: (t: { id?: string; name: string; members: string[] }) => call('createTeam', { body: t }),
  updateTeam: (id: string, patch: { name?: string; members?: string[] }) =>
    call('updateTeam', { params: { id }, body: patch }),
  deleteTeam: (id: string) => call('deleteTeam', { params: { id } }),

  settings: () => call('getSettings'),
  updateSettings: (patch: Partial<Settings>) => call('updateSettings', { body: patch }),

  emailSettings: () => call('getEmailSettings'),
  updateEmailSettings: (s: EmailSettingsInput | null) => call('updateEmailSettings', { body: s }),
  sendTestEmail: () => call('sendTestEmail'),
  emailTranscript: (id: string, email?: string) =>
    call('emailTranscript', { params: { id }, body: email ? { email } : {} }),

  pushKey: () => call('getPushKey'),
  savePushSubscription: (s: { endpoint: string; keys: { p256dh: string; auth: string }; lang: 'en' | 'ko' }) =>
    call('savePushSubscription', { body: s }),
  deletePushSubscription: (endpoint: string) => call('deletePushSubscription', { body: { endpoint } }),

  rules: () => call('listRules'),
  saveRules: (rules: Rule[]) => call('replaceRules', { body: rules }),

  attributes: () => call('listAttributes'),
  addAttribute: (a: { name: string; label?: string }) => call('createAttribute', { body: a }),
  deleteAttribute: (name: string) => call('deleteAttribute', { params: { name } }),

  decisions: (query: {
    visitor?: string;
    q?: string;
    agent?: string;
    conversation?: string;
    from?: number;
    to?: number;
    limit?: number;
  }) => call('listDecisions', { query }),
  whatIf: (body: WhatIfRequest) => call('whatIf', { body }),
  missed: (query: { claimed?: 'true' | 'false'; before?: number; limit?: number }) => call('listMissed', { query }),
  claimMissed: (id: string) => call('claimMissed', { params: { id } }),
  queue: () => call('listQueue'),
  schedule: (id: string) => call('getSchedule', { params: { id } }),
  setSchedule: (id: string, schedule: z.infer<typeof scheduleSchema> | null) =>
    call('setSchedule', { params: { id }, body: schedule }),
  replyMissed: (id: string, text: string) => call('replyMissed', { params: { id }, body: { text } }),

  /** Without `agent`: every conversation (view-all and admins); with the agent's own id: "mine". */
  conversations: (query: {
    agent?: string;
    visitor?: string;
    status?: ConversationSummary['status'];
    limit?: number;
    before?: number;
  }) => call('listConversations', { query }),
  /** A page of conversations found on the server (docs/search.md); `cursor` is the previous page's `next`. */
  searchConversations: (query: { q?: string; agent?: string; cursor?: string; limit?: number }) =>
    call('searchConversations', { query }),
  conversation: (id: string) => call('getConversation', { params: { id } }),

  /** Results per day, per stream and per agent (UTC days `YYYY-MM-DD`; default the last 30). */
  dashboard: (query: { from?: string; to?: string }) => call('getDashboard', { query }),
  webhooks: () => call('listWebhooks'),
  createWebhook: (body: { url: string; events: WebhookEvent[] }) => call('createWebhook', { body }),
  setWebhookEnabled: (id: string, enabled: boolean) => call('updateWebhook', { params: { id }, body: { enabled } }),
  editWebhook: (id: string, body: { url?: string; events?: WebhookEvent[] }) =>
    call('updateWebhook', { params: { id }, body }),
  rotateWebhookSecret: (id: string) => call('rotateWebhookSecret', { params: { id } }),
  deleteWebhook: (id: string) => call('deleteWebhook', { params: { id } }),
  webhookDeliveries: (id: string) => call('listWebhookDeliveries', { params: { id }, query: { limit: 100 } }),
  resendWebhookDelivery: (id: string, delivery: string) => call('resendWebhookDelivery', { params: { id, delivery } }),
  testWebhook: (id: string) => call('testWebhook', { params: { id } }),
  visitorContext: (id: string) => call('getVisitorContext', { params: { id } }),

  cannedReplies: () => call('listCannedReplies'),
  addCannedReply: (r: { scope: CannedScope; shortcut: string; body: string }) => call('createCannedReply', { body: r }),
  updateCannedReply: (id: string, r: { shortcut: string; body: string }) =>
    call('updateCannedReply', { params: { id }, body: r }),
  deleteCannedReply: (id: string) => call('deleteCannedReply', { params: { id } }),
};

export type { ConversationDetail, DecisionRow, Rule, WhatIfOutcome, WhatIfRequest, WhatIfResult } from './types.ts';
