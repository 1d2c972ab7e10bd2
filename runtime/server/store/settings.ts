import type { EmailSettings } from '../../../shared/api/email.ts';
import type { Rule, Settings } from '../../../shared/api/workspace.ts';
import { PLANS, DEFAULT_SETTINGS as ROUTING_DEFAULTS } from '../../../shared/routing/settings.ts';
import type { Schedule } from '../../../shared/routing/types.ts';

// The schemas are the HTTP API's (shared/api/workspace.ts); the store keeps what they accept.
export { ruleSchema, settingsSchema, type Rule, type Settings } from '../../../shared/api/workspace.ts';
export { PLANS };

export const DEFAULT_SETTINGS: Settings = {
  fallbackMessage:
    'Sorry, nobody is available to chat right now. Leave us a message here and we will get back to you by email.',
  plan: 'select',
  ...ROUTING_DEFAULTS,
  businessHours: null,
  awayMessage: 'We are away right now. Leave a message and we will get back to you.',
  visitorGraceSec: 30,
};

/** The `meta` table as a backend stores it: JSON texts by key. `put` is queued in the unit of work. */
export interface KeyValues {
  get(key: string): Promise<string | undefined>;
  put(key: string, json: string): Promise<void>;
}

/** Workspace-wide values (settings, rules, the engagement count, the workspace name): part of the workspace
 * aggregate with `Teams` and `Attributes`. */
export interface Meta {
  read<T>(key: string, fallback: T): Promise<T>;
  write(key: string, value: unknown): Promise<void>;
  settings(): Promise<Settings>;
  setSettings(s: Settings): Promise<void>;
  rules(): Promise<Rule[]>;
  setRules(rules: Rule[]): Promise<void>;
  engagementsUsed(): Promise<number>;
  setEngagementsUsed(n: number): Promise<void>;
  workspace(): Promise<string>;
  /** Agents' weekly availability by user id (SPEC §4 schedules). */
  schedules(): Promise<Record<string, Schedule>>;
  setSchedule(userId: string, schedule: Schedule | null): Promise<void>;
  /** The outgoing mail server (null: email is off). */
  emailSettings(): Promise<EmailSettings | null>;
  setEmailSettings(s: EmailSettings | null): Promise<void>;
}

/** Small workspace-wide values kept as JSON in `meta`, over either backend's key-value table. */
export function createMeta(kv: KeyValues): Meta {
  const read = async <T>(key: string, fallback: T): Promise<T> => {
    const v = await kv.get(key);
    return v === undefined ? fallback : (JSON.parse(v) as T);
  };
  const write = (key: string, value: unknown) => kv.put(key, JSON.stringify(value));
  return {
    read,
    write,
    settings: async () => ({ ...DEFAULT_SETTINGS, ...(await read<Partial<Settings>>('settings', {})) }),
    setSettings: (s) => write('settings', s),
    rules: () => read<Rule[]>('rules', []),
    setRules: (rules) => write('rules', rules),
    engagementsUsed: () => read<number>('engagementsUsed', 0),
    setEngagementsUsed: (n) => write('engagementsUsed', n),
    workspace: () => read<string>('workspace', 'main'),
    /** Agents' weekly availability by user id (SPEC §4 schedules). */
    schedules: () => read<Record<string, Schedule>>('schedules', {}),
    async setSchedule(userId, schedule) {
      const all = await read<Record<string, Schedule>>('schedules', {});
      if (schedule) all[userId] = schedule;
      else delete all[userId];
      await write('schedules', all);
    },
    emailSettings: () => read<EmailSettings | null>('email', null),
    setEmailSettings: (s) => write('email', s),
  };
}
