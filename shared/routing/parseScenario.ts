import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './scenario.ts';

/**
 * Validates a scenario read from JSON. A failure is one line naming the first bad field's path the way a person
 * would write it (`agents[0].status: …`), which the CLI prints as is.
 */
export function parseScenario(raw: unknown): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: describeIssue(issue, raw) };
}

export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = formatPath(issue.path);
  const missing = issue.path.length > 0 && valueAt(raw, issue.path) === undefined && issue.code !== 'custom';
  const message = missing ? 'is required' : issue.message.replace(/\s+/g, ' ');
  if (path) return `${path}: ${message}`;
  return issue.code === 'invalid_type' ? 'a scenario must be a JSON object' : `the scenario: ${message}`;
}

/** `['agents', 0, 'status']` → `agents[0].status`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
