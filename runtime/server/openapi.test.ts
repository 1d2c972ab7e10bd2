import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRoutes } from './api/routes.ts';

// The document is plain YAML written by hand; its layout (two-space indent) is regular enough to read its
// paths and operations without a YAML library.
const doc = readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8');
const pathsBlock = doc.slice(doc.indexOf('\npaths:\n'), doc.indexOf('\ncomponents:\n'));

function documented(): Map<string, string[]> {
  const ops = new Map<string, string[]>();
  let current = '';
  for (const line of pathsBlock.split('\n')) {
    const p = /^ {2}(\/\S*):$/.exec(line);
    if (p) ops.set((current = p[1]), []);
    const m = /^ {4}(get|post|put|patch|delete):$/.exec(line);
    if (m) ops.get(current)!.push(m[1].toUpperCase());
  }
  return ops;
}

/** The server's route table (handlers are not called, so no store is needed). */
function served(): Map<string, string[]> {
  const none = {} as never;
  const routes = buildRoutes({ store: {} as never, auth: none, drafts: none, live: none, log: none }, none, none, none);
  const ops = new Map<string, string[]>();
  for (const r of routes) ops.set(r.path, [...(ops.get(r.path) ?? []), r.method]);
  return ops;
}

const sorted = (m: Map<string, string[]>) => [...m].map(([p, ms]) => `${p} ${[...ms].sort().join(',')}`).sort();

describe('docs/openapi.yaml', () => {
  it('documents exactly the routes the server serves', () => {
    expect(sorted(documented())).toEqual(sorted(served()));
  });

  it('is OpenAPI 3.1 with responses for every operation', () => {
    expect(doc).toMatch(/^openapi: 3\.1\.0$/m);
    const operations = pathsBlock.split(/\n {4}(?:get|post|put|patch|delete):\n/).slice(1);
    expect(operations.length).toBe([...served().values()].flat().length);
    for (const op of operations) expect(op.split(/\n {4}\S/)[0]).toContain('responses:');
  });

  it('lists every route in the route list at the top', () => {
    const listed = new Set(
      [...doc.matchAll(/^# {3}(GET|POST|PUT|PATCH|DELETE) +(\/\S+)/gm)].map((m) => `${m[2]} ${m[1]}`),
    );
    for (const [path, methods] of served())
      for (const m of methods) expect(listed.has(`${path} ${m}`), `${m} ${path}`).toBe(true);
  });
});
