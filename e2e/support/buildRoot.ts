import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const repo = resolve(import.meta.dirname, '../..');

/**
 * A private project root with a fresh build of every page (editor and inbox, and the widget) and the checkout's
 * examples/ and runtime/, as the editor and widget kits make theirs: the checkout's dist/ is left alone.
 */
export async function buildRoot(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-e2e-root-'));
  symlinkSync(join(repo, 'examples'), join(root, 'examples'));
  symlinkSync(join(repo, 'runtime'), join(root, 'runtime'));
  mkdirSync(join(root, 'dist'));
  await build({
    configFile: join(repo, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(root, 'dist/app'), sourcemap: false, minify: false },
  });
  await build({
    configFile: join(repo, 'runtime/widget/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(root, 'dist/widget') },
  });
  return root;
}
