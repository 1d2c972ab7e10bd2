import * as cannedReplies from './cannedReplies.ts';
import * as conversations from './conversations.ts';
import * as dashboard from './dashboard.ts';
import * as dialogues from './dialogues.ts';
import * as email from './email.ts';
import * as leads from './leads.ts';
import type { Operation } from './operation.ts';
import * as results from './results.ts';
import * as missed from './missed.ts';
import * as push from './push.ts';
import * as routing from './routing.ts';
import * as session from './session.ts';
import * as streams from './streams.ts';
import * as system from './system.ts';
import * as users from './users.ts';
import * as visitorContext from './visitorContext.ts';
import * as webhooks from './webhooks.ts';
import * as widget from './widget.ts';
import * as workspace from './workspace.ts';

/**
 * The route table of the runtime's HTTP API, by operationId. The server serves exactly these (a test compares),
 * the web apps call them through web/api/client.ts, and docs/openapi.yaml is generated from them.
 */
export const api = {
  health: system.health,
  metrics: system.metrics,
  signIn: session.signIn,
  signOut: session.signOut,
  getMe: users.getMe,
  updateMe: users.updateMe,
  uploadAvatar: users.uploadAvatar,
  removeAvatar: users.removeAvatar,
  getAvatar: users.getAvatar,
  listUsers: users.listUsers,
  createUser: users.createUser,
  getUser: users.getUser,
  updateUser: users.updateUser,
  deleteUser: users.deleteUser,
  listAgents: users.listAgents,
  listTeams: workspace.listTeams,
  createTeam: workspace.createTeam,
  updateTeam: workspace.updateTeam,
  deleteTeam: workspace.deleteTeam,
  getSchedule: workspace.getSchedule,
  setSchedule: workspace.setSchedule,
  getSettings: workspace.getSettings,
  updateSettings: workspace.updateSettings,
  getEmailSettings: email.getEmailSettings,
  updateEmailSettings: email.updateEmailSettings,
  sendTestEmail: email.sendTestEmail,
  listRules: workspace.listRules,
  replaceRules: workspace.replaceRules,
  listAttributes: workspace.listAttributes,
  createAttribute: workspace.createAttribute,
  deleteAttribute: workspace.deleteAttribute,
  listStreams: streams.listStreams,
  importStream: streams.importStream,
  getStream: streams.getStream,
  renameStream: streams.renameStream,
  deleteStream: streams.deleteStream,
  duplicateStream: streams.duplicateStream,
  exportStream: streams.exportStream,
  getLintContext: streams.getLintContext,
  publishStream: streams.publishStream,
  listVersions: streams.listVersions,
  getVersion: streams.getVersion,
  rollbackStream: streams.rollbackStream,
  listDialogues: dialogues.listDialogues,
  createDialogue: dialogues.createDialogue,
  getDialogue: dialogues.getDialogue,
  updateDialogue: dialogues.updateDialogue,
  deleteDialogue: dialogues.deleteDialogue,
  resolveWidget: widget.resolveWidget,
  trackWidget: widget.trackWidget,
  getWidgetAppearance: widget.getWidgetAppearance,
  updateWidgetAppearance: widget.updateWidgetAppearance,
  getDialogueAppearance: widget.getDialogueAppearance,
  updateDialogueAppearance: widget.updateDialogueAppearance,
  uploadWidgetImage: widget.uploadWidgetImage,
  getWidgetImage: widget.getWidgetImage,
  getWidgetInstall: widget.getWidgetInstall,
  updateAllowedOrigins: widget.updateAllowedOrigins,
  listDecisions: routing.listDecisions,
  listQueue: routing.listQueue,
  listMissed: missed.listMissed,
  claimMissed: missed.claimMissed,
  replyMissed: missed.replyMissed,
  getPushKey: push.getPushKey,
  savePushSubscription: push.savePushSubscription,
  deletePushSubscription: push.deletePushSubscription,
  whatIf: routing.whatIf,
  listConversations: conversations.listConversations,
  searchConversations: conversations.searchConversations,
  getConversation: conversations.getConversation,
  getVisitorContext: visitorContext.getVisitorContext,
  listCannedReplies: cannedReplies.listCannedReplies,
  createCannedReply: cannedReplies.createCannedReply,
  updateCannedReply: cannedReplies.updateCannedReply,
  deleteCannedReply: cannedReplies.deleteCannedReply,
  getResults: results.getResults,
  listLeads: leads.listLeads,
  exportLeads: leads.exportLeads,
  eraseLeads: leads.eraseLeads,
  listErasures: leads.listErasures,
  getDashboard: dashboard.getDashboard,
  emailTranscript: email.emailTranscript,
  listWebhooks: webhooks.listWebhooks,
  createWebhook: webhooks.createWebhook,
  updateWebhook: webhooks.updateWebhook,
  rotateWebhookSecret: webhooks.rotateWebhookSecret,
  deleteWebhook: webhooks.deleteWebhook,
  listWebhookDeliveries: webhooks.listWebhookDeliveries,
  resendWebhookDelivery: webhooks.resendWebhookDelivery,
  testWebhook: webhooks.testWebhook,
} as const satisfies Record<string, Operation>;

export type Api = typeof api;
export type OperationId = keyof Api;
export const operations: readonly Operation[] = Object.values(api);
