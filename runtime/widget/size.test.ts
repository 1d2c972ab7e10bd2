import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** SPEC §9: the loader ≤ 5 kB gzip, everything the widget loads ≤ 40 kB gzip. */
const LOADER_BUDGET = 5 * 1024;
const TOTAL_BUDGET = 40 * 1024;

let out = '';
const gz = (file: string) => gzipSync(readFileSync(join(out, file)), { level: 9 }).length;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'tributary-widget-'));
  await build({
    configFile: resolve(import.meta.dirname, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: out },
  });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('widget size budget', () => {
  it('builds exactly the loader and the conversation UI', () => {
    expect(readdirSync(out).sort()).toEqual(['widget-ui.js', 'widget.js']);
  });

  it(`the loader is at most ${LOADER_BUDGET} bytes gzip`, () => {
    const size = gz('widget.js');
    console.log(`widget.js: ${size} B gzip`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it(`everything the widget loads is at most ${TOTAL_BUDGET} bytes gzip`, () => {
    const total = gz('widget.js') + gz('widget-ui.js');
    console.log(`widget.js + widget-ui.js: ${total} B gzip`);
    expect(total).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it('both files are classic scripts that define no global of their own', () => {
    for (const file of ['widget.js', 'widget-ui.js']) {
      const code = readFileSync(join(out, file), 'utf8').trim();
      expect(code.startsWith('(function(){'), file).toBe(true);
      expect(code).not.toMatch(/^(import|export)\s/m);
      expect(code).not.toContain('zod');
    }
  });
});
