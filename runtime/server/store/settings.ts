import type { Database } from 'better-sqlite3';
import type { Rule, Settings } from '../../../shared/api/workspace.ts';
import { PLANS, DEFAULT_SETTINGS as ROUTING_DEFAULTS } from '../../../shared/routing/settings.ts';

// The schemas are the HTTP API's (shared/api/workspace.ts); the store keeps what they accept.
export { ruleSchema, settingsSchema, type Rule, type Settings } from '../../../shared/api/workspace.ts';
export { PLANS };

export const DEFAULT_SETTINGS: Settings = {
  fallbackMessage: 'Sorry, nobody is available to chat right now. Leave your email and we will get back to you.',
  plan: 'select',
  ...ROUTING_DEFAULTS,
};

/** Small workspace-wide values kept as JSON in `meta`. */
export function createMeta(db: Database) {
  const get = db.prepare<[string], { value: string }>('select value from meta where key = ?');
  const put = db.prepare(
    'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  const read = <T>(key: string, fallback: T): T => {
    const r = get.get(key);
    return r ? (JSON.parse(r.value) as T) : fallback;
  };
  const write = (key: string, value: unknown) => put.run(key, JSON.stringify(value));
  return {
    read,
    write,
    settings: (): Settings => ({ ...DEFAULT_SETTINGS, ...read<Partial<Settings>>('settings', {}) }),
    setSettings: (s: Settings) => write('settings', s),
    rules: (): Rule[] => read<Rule[]>('rules', []),
    setRules: (rules: Rule[]) => write('rules', rules),
    engagementsUsed: (): number => read<number>('engagementsUsed', 0),
    setEngagementsUsed: (n: number) => write('engagementsUsed', n),
    workspace: (): string => read<string>('workspace', 'main'),
  };
}

export type Meta = ReturnType<typeof createMeta>;
