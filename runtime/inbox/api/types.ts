/** Shapes of the runtime's HTTP API as the inbox uses them (docs/openapi.yaml is the reference). */
export type Role = 'admin' | 'marketer' | 'agent';
export const ROLES: readonly Role[] = ['admin', 'marketer', 'agent'];
/** The permissions that come with roles: publishing (marketers), live chat and view-all (agents). */
export type Permission = 'canPublish' | 'liveChat' | 'viewAll';
export const PERMISSIONS: readonly Permission[] = ['canPublish', 'liveChat', 'viewAll'];

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  canPublish: boolean;
  liveChat: boolean;
  viewAll: boolean;
  avatarUrl: string | null;
  teams?: string[];
  status?: 'online' | 'away' | 'offline';
}

export interface Agent {
  id: string;
  name: string;
  email?: string;
  avatarUrl: string | null;
  liveChat: boolean;
  status: 'online' | 'away' | 'offline';
  teams: string[];
  openChats?: number;
}

export interface Team {
  id: string;
  name: string;
  members: string[];
}

import type { Plan } from '../../../shared/routing/types.ts';
export type { Plan };
export { PLANS } from '../../../shared/routing/settings.ts';

export interface Settings {
  fallbackMessage: string;
  plan: Plan;
  acceptTimeoutSec: number;
  maxChatsPerAgent: number;
  trialEngagementLimit: number;
  /** Read-only: live chats that connected so far (the select plan's trial counts them). */
  engagementsUsed: number;
}

export interface Attribute {
  name: string;
  label: string;
}

/** Standard attributes are names only (their labels are UI text); custom ones carry the admin's label. */
export interface Attributes {
  standard: string[];
  custom: Attribute[];
}

export interface ConversationSummary {
  id: string;
  visitorId: string;
  visitor: Record<string, string>;
  dialogueId?: string;
  dialogueName: string | null;
  status: 'bot' | 'waiting' | 'live' | 'ended';
  agentId: string | null;
  agentName: string | null;
  startedAt: number;
  connectedAt?: number | null;
  endedAt?: number | null;
  endReason?: string | null;
}
