import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli as tributary } from './spawnCli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tributary-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** Every bad-input failure is exit 2 with exactly one line on stderr and nothing on stdout. */
function expectOneLine(r: ReturnType<typeof tributary>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd()).toMatch(pattern);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\s+at .*:\d+:\d+/);
}

describe('tributary', () => {
  it('prints help and rejects unknown commands and options', () => {
    const help = tributary(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['lint', 'compile', 'simulate', 'route-sim']) expect(help.stdout).toContain(c);
    expectOneLine(tributary(['frobnicate']), /unknown command "frobnicate"/);
    expectOneLine(tributary(['compile', 'examples/demo.json', '--fast']), /Unknown option '--fast'/);
    expect(tributary([]).code).toBe(2);
  });

  for (const command of ['compile', 'simulate']) {
    it(`${command}: exits 2 in one line for unreadable, non-JSON and invalid documents`, () => {
      expectOneLine(tributary([command, join(dir, 'missing.json')]), /cannot read .*missing\.json: no such file/);
      expectOneLine(
        tributary([command, file('syntax.json', '{\n  "format": "tributary.stream/1",\n  "cards": [}\n')]),
        /not valid JSON: .* at line 3, column 13$/,
      );
      const dup = {
        format: 'tributary.stream/1',
        name: 'd',
        cards: [
          { id: 'a', type: 'message' },
          { id: 'b', type: 'goal' },
          { id: 'a', type: 'goal' },
        ],
        edges: [],
      };
      expectOneLine(
        tributary([command, file('dup.json', JSON.stringify(dup))]),
        /not a valid tributary\.stream\/1 document: cards\[2\]\.id: duplicate card id "a"$/,
      );
      const noData = {
        format: 'tributary.stream/1',
        name: 'd',
        cards: [{ id: 'a', type: 'message', data: 5 }],
        edges: [{ from: 'a' }],
      };
      expectOneLine(tributary([command, file('edge.json', JSON.stringify(noData))]), /edges\[0\]\.to: is missing$/);
    });
  }
});

describe('tributary compile', () => {
  it('prints the compiled stream with its hash, the same whatever layout, order and key order', () => {
    const r = tributary(['compile', 'examples/lead-qualification.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const compiled = JSON.parse(r.stdout);
    expect(compiled).toMatchObject({ format: 'tributary.compiled/1', start: 'hello', name: 'Lead qualification' });
    expect(compiled.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.stdout).not.toContain('position');

    const doc = JSON.parse(readFileSync(join(root, 'examples/lead-qualification.json'), 'utf8'));
    doc.cards = doc.cards
      .reverse()
      .map((c: object) => ({ ...Object.fromEntries(Object.entries(c).reverse()), position: { x: 9, y: 9 } }));
    doc.edges.reverse();
    const moved = tributary(['compile', file('moved.json', JSON.stringify(doc))]);
    expect(moved.stdout).toBe(r.stdout);
    doc.cards[0].data.text = `${doc.cards[0].data.text}!`;
    expect(JSON.parse(tributary(['compile', file('edited.json', JSON.stringify(doc))]).stdout).hash).not.toBe(
      compiled.hash,
    );
  });

  it('refuses a stream with lint errors: exit 1, diagnostics on stderr, nothing on stdout', () => {
    const r = tributary(['compile', 'examples/broken.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ +doc +error +.*https.* +invalid-card-data$/m);
    expect(r.stderr).toMatch(/^ +hello +warning +.* +unknown-token$/m);
  });
});
