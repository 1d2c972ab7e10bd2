import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { conditionSchema } from '../../../shared/conditions/schema.ts';
import { planSchema, settingsFields } from '../../../shared/routing/schema.ts';
import { PLANS, DEFAULT_SETTINGS as ROUTING_DEFAULTS } from '../../../shared/routing/settings.ts';

export { PLANS };

/** Workspace settings an admin edits (SPEC §4): the routing settings with the engine's own bounds, and more. */
export const settingsSchema = z.object({
  fallbackMessage: z.string().trim().min(1).max(1000),
  plan: planSchema,
  ...settingsFields,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  fallbackMessage: 'Sorry, nobody is available to chat right now. Leave your email and we will get back to you.',
  plan: 'select',
  ...ROUTING_DEFAULTS,
};

/** A custom routing rule (SPEC §4): the first rule whose `when` holds routes to an agent or a team. */
export const ruleSchema = z.object({
  id: z.string().trim().min(1).max(100),
  name: z.string().max(200).optional(),
  when: conditionSchema,
  route: z.union([z.object({ agentId: z.string().min(1) }).strict(), z.object({ teamId: z.string().min(1) }).strict()]),
});
export type Rule = z.infer<typeof ruleSchema>;

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
