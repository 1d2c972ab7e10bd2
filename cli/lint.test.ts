import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `tributary lint` through the real command: `node bin/tributary.js lint …`.

const root = join(import.meta.dirname, '..');
const examples = join(root, 'examples');
const dir = mkdtempSync(join(tmpdir(), 'tributary-lint-'));
let n = 0;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/tributary.js', 'lint', ...args], { cwd: root }, (err, stdout, stderr) => {
      const code = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
    });
  });
}

function file(content: unknown): string {
  const p = join(dir, `s${n++}.json`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const specExample = {
  format: 'tributary.stream/1',
  name: 'Pricing page',
  start: 'hello',
  cards: [
    { id: 'hello', type: 'message', data: { text: 'Hi {{firstName:"there"}}!' }, position: { x: 0, y: 0 } },
    {
      id: 'ask',
      type: 'question',
      data: {
        prompt: 'Talk to sales?',
        answers: [
          { id: 'yes', label: 'Yes' },
          { id: 'no', label: 'No' },
        ],
      },
    },
    {
      id: 'email',
      type: 'capture',
      data: { attribute: 'email', prompt: 'Your work email?', input: 'text', ifKnown: 'skip' },
    },
    { id: 'agent', type: 'liveChat', data: { routing: { mode: 'roundRobin' } } },
  ],
  edges: [
    { from: 'hello', to: 'ask' },
    { from: 'ask', port: 'yes', to: 'email' },
    { from: 'email', to: 'agent' },
  ],
};

const broken = {
  format: 'tributary.stream/1',
  start: 'missing',
  cards: [{ id: 'hi', type: 'message', data: { text: '' } }],
  edges: [],
};

describe('tributary lint', () => {
  it('the SPEC example: exactly one warning, exit 0, in both formats', async () => {
    const path = file(specExample);
    const json = await cli([path, '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const { diagnostics } = JSON.parse(json.stdout);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'unconnected-port', severity: 'warning', cardId: 'ask', port: 'no' }),
    ]);
    const text = await cli([path]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines).toContain(path);
    expect(lines.find((l) => l.includes('unconnected-port'))).toMatch(
      /^ {2}ask {2}warning {2}Answer "No" .+ {2}unconnected-port$/,
    );
    expect(lines).toContain('✖ 1 problem (0 errors, 1 warning)');
  });

  it('the shipped examples: demo.json is clean and spec-example.json has one warning', async () => {
    const demo = await cli([join(examples, 'demo.json'), '--json']);
    expect(demo).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(demo.stdout)).toEqual({ diagnostics: [] });
    expect((await cli([join(examples, 'demo.json')])).stdout).toBe('');
    const spec = await cli([join(examples, 'spec-example.json'), '--json']);
    expect(spec.code).toBe(0);
    expect(JSON.parse(spec.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['unconnected-port']);
  });

  it('exits 1 when there is an error, and counts errors and warnings', async () => {
    const path = file(broken);
    const text = await cli([path]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
    expect(text.stdout).toMatch(/^ {2}- {3}error {2}The start card "missing" does not exist.+no-start$/m);
    expect(text.stdout).toMatch(
      /^ {2}hi {2}error {2}Card "hi" \(message\): text: write the message text\..* invalid-card-data$/m,
    );
    const json = await cli(['--json', path]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual([
      'no-start',
      'invalid-card-data',
    ]);
  });

  it('exits 2 with one line on stderr for bad input', async () => {
    const cases: [string[], RegExp][] = [
      [[join(dir, 'absent.json')], /cannot read .*absent\.json: no such file/],
      [[file('{"format": "tributary.stream/1",\n  "cards": [,]}')], /is not valid JSON: .* at line 2, column \d+/],
      [
        [file({ ...specExample, cards: [specExample.cards[0], specExample.cards[0]] })],
        /cards\[1\]\.id: duplicate card id "hello"/,
      ],
      [[file({ ...specExample, format: 'other' })], /format: must be "tributary\.stream\/1"/],
      [[], /expected one stream file/],
      [[file(specExample), '--colour'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
