import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './errors.ts';
import { parseJsonText, readJsonFile, readStreamFile } from './input.ts';

const dir = mkdtempSync(join(tmpdir(), 'tributary-input-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function failure(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
}

describe('CLI input', () => {
  it('names the line and column of a JSON syntax error', () => {
    const err = (() => {
      try {
        parseJsonText('{\n  "a": 1,\n  "b" 2\n}', 'x.json');
      } catch (e) {
        return e as CliError;
      }
    })();
    expect(err).toBeInstanceOf(CliError);
    expect(err!.code).toBe(2);
    expect(err!.message).toMatch(/^x\.json is not valid JSON: .* at line 3, column 7$/);
  });

  it('reports an unexpected end at the end of the text', () => {
    expect(() => parseJsonText('{"a": [1,\n2', 'y.json')).toThrow(/at line 2, column 2$/);
  });

  it('reports unreadable files in one line', async () => {
    const err = await failure(readJsonFile(join(dir, 'missing.json')));
    expect(err.message).toMatch(/^cannot read .*missing\.json: no such file$/);
    expect((await failure(readJsonFile(dir))).message).toMatch(/it is a directory$/);
  });

  it('reads a stream file and names the bad field of an invalid one', async () => {
    const ok = file('ok.json', JSON.stringify({ format: 'tributary.stream/1', name: 'n', cards: [], edges: [] }));
    expect((await readStreamFile(ok)).start).toBe(null);
    const bad = file(
      'bad.json',
      JSON.stringify({
        format: 'tributary.stream/1',
        cards: [
          { id: 'a', type: 'x' },
          { id: 'a', type: 'x' },
        ],
        edges: [],
      }),
    );
    const err = await failure(readStreamFile(bad));
    expect(err.code).toBe(2);
    expect(err.message).toMatch(/not a valid tributary\.stream\/1 document: cards\[1\]\.id: duplicate card id "a"$/);
  });
});
