import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { api, operations } from '../../shared/api/routes.ts';
import { OPENAPI_FILE, renderOpenapi } from '../../scripts/openapi.ts';
import { operationOf } from './api/operation.ts';
import { buildRoutes } from './api/routes.ts';

const committed = readFileSync(OPENAPI_FILE, 'utf8');
const doc = parse(committed);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The server's route table (handlers are not called, so no store is needed). */
function served() {
  const none = {} as never;
  return buildRoutes(
    {
      store: none,
      auth: none,
      drafts: none,
      live: none,
      log: none,
      security: none,
      mailer: none,
      visitorCredentials: none,
      webhooks: none,
    },
    none,
    none,
    none,
  );
}

describe('docs/openapi.yaml', () => {
  it('is what the route table generates (run `npm run openapi` after changing shared/api)', () => {
    expect(committed).toBe(renderOpenapi());
  });

  it('documents exactly the routes the server serves, each served by its operation', () => {
    const routes = served();
    const documented = Object.entries<any>(doc.paths)
      .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(documented);
    for (const r of routes) {
      const op = operationOf(r);
      expect(op, `${r.method} ${r.path} is not built from an operation`).toBeDefined();
      expect(doc.paths[r.path][r.method.toLowerCase()].operationId).toBe(op!.operationId);
      expect(r.maxBody).toBe(op!.maxBody);
    }
    expect(new Set(routes.map((r) => operationOf(r)))).toEqual(new Set(operations));
  });

  it('gives every operation a unique operationId, a summary, responses and examples of its JSON', () => {
    const ids = new Set<string>();
    for (const item of Object.values<any>(doc.paths))
      for (const m of METHODS.filter((x) => item[x])) {
        const op = item[m];
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(op.summary).toEqual(expect.any(String));
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        const body = op.requestBody?.content?.['application/json'];
        if (body) expect(body.example, `${op.operationId} request example`).toBeDefined();
        const ok = op.responses['200'] ?? op.responses['201'];
        const json = ok?.content?.['application/json'];
        if (json) expect(json.example, `${op.operationId} response example`).toBeDefined();
      }
    expect(ids.size).toBe(operations.length);
  });

  it('states the limits the server enforces: lengths, maxima, required fields, no unknown fields, body sizes', () => {
    const s = doc.components.schemas;
    expect(s.NewUser).toMatchObject({
      required: ['email', 'name', 'password', 'roles'],
      additionalProperties: false,
      properties: { password: { minLength: 8, maxLength: 1000 }, roles: { minItems: 1 } },
    });
    expect(s.NewDialogue.properties.priority).toMatchObject({ minimum: 1, maximum: 1000, default: 1 });
    expect(s.SettingsPatch.properties.acceptTimeoutSec).toMatchObject({ minimum: 5, maximum: 600 });
    expect(s.Triggers.properties.scrollPercent).toMatchObject({ minimum: 0, maximum: 100 });
    const conversations = doc.paths['/api/conversations'].get.parameters;
    expect(conversations.find((p: any) => p.name === 'limit').schema).toMatchObject({ minimum: 1, maximum: 500 });
    expect(doc.paths['/api/streams'].post['x-max-body-bytes']).toBe(8 * 1024 * 1024);
    // Response schemas describe what is sent and stay open to more fields (the Dialogue that rejected every
    // real dialogue was an allOf of a closed input schema).
    expect(s.Dialogue.additionalProperties).toBeUndefined();
    expect(s.Dialogue.allOf).toBeUndefined();
  });

  it('keeps the SPEC §8.4 shapes: sign-in, import 201 {id}, export, publish 422 with diagnostics', () => {
    const signIn = doc.paths['/api/session'].post;
    expect(signIn.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignIn' });
    expect(doc.components.schemas.SignIn.required).toEqual(['email', 'password']);
    expect(doc.components.schemas.Session.required).toContain('token');
    expect(signIn.responses['200'].headers['Set-Cookie']).toBeDefined();
    expect(signIn.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(doc.paths['/api/streams'].post.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Created',
    });
    expect(doc.paths['/api/streams/{id}/export'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.LintRefused.required).toEqual(['error', 'diagnostics']);
    expect(api.publishStream.responses[422].schema).toBeDefined();
  });

  it('passes `redocly lint` with no errors and no warnings', async () => {
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const run = await promisify(execFile)(process.execPath, [cli, 'lint', OPENAPI_FILE, '--format=json'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: { stdout: string; stderr: string }) => e);
    const out = run.stdout.slice(run.stdout.indexOf('{'));
    const report = JSON.parse(out);
    const problems = report.problems.map((p: any) => `${p.severity} ${p.ruleId}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});
