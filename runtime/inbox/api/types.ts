/** Shapes of the runtime's HTTP API as the inbox uses them: the route table's own types (shared/api). */
export { PERMISSIONS, ROLES, type Agent, type Permission, type Role, type User } from '../../../shared/api/users.ts';
export {
  PLANS,
  type Attribute,
  type Attributes,
  type Plan,
  type Rule,
  type SettingsView as Settings,
  type Team,
} from '../../../shared/api/workspace.ts';
export type { ConversationDetail, ConversationSummary } from '../../../shared/api/conversations.ts';
export type {
  Decision as DecisionRow,
  WhatIfOutcome,
  WhatIfRequest,
  WhatIfResult,
} from '../../../shared/api/routing.ts';
