import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { buildInbox } from './buildInbox.ts';

const REPO = resolve(import.meta.dirname, '../../..');

/**
 * A project root that serves both the inbox (the cached build of `buildInbox`) and a fresh widget build, for
 * browser tests where a real widget visitor meets agents in their inboxes. `remove` deletes it.
 */
export async function inboxWithWidget(): Promise<{ root: string; remove(): void }> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-inbox-widget-'));
  symlinkSync(join(REPO, 'examples'), join(root, 'examples'));
  symlinkSync(join(REPO, 'runtime'), join(root, 'runtime'));
  mkdirSync(join(root, 'dist'));
  symlinkSync(join(await buildInbox(), 'dist', 'app'), join(root, 'dist', 'app'));
  await build({
    configFile: join(REPO, 'runtime/widget/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(root, 'dist/widget') },
  });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
