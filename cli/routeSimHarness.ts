import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

// Shared by the route-sim tests: they run the real command, `node bin/tributary.js route-sim FILE`.

export const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'tributary-route-sim-'));
let n = 0;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('node', ['bin/tributary.js', 'route-sim', ...args], { cwd: root }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

/** Writes a scenario (an object, or raw text) to a temporary file and returns its path. */
export function file(content: unknown): string {
  const p = join(dir, `s${n++}.json`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

export interface D {
  at: number;
  visitor: string;
  event: string;
  agent?: string;
  reason?: string;
  why: string;
  [k: string]: unknown;
}

/** Runs a scenario and returns the decisions (all fields). */
export async function sim(scenario: unknown, extra: string[] = []): Promise<D[]> {
  const r = await cli([file(scenario), ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.trim()
    ? r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
}

/** The SPEC fields only, as compact strings: `0 v1 offered ann`, `45 v1 fallback accept-timeout`. */
export const brief = (ds: D[]) => ds.map((d) => [d.at, d.visitor, d.event, d.agent ?? d.reason].join(' '));

export const online = (id: string, extra: object = {}) => ({ id, status: 'online', ...extra });

export const rr = (at: number, visitor: string, extra: object = {}) => ({
  at,
  type: 'request',
  visitor,
  routing: { mode: 'roundRobin' },
  ...extra,
});

export const team = (at: number, visitor: string, teamId: string) => ({
  at,
  type: 'request',
  visitor,
  routing: { mode: 'team', teamId },
});
