import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../../..');
/** What the inbox bundle is made of: a change to any of these files means a new build. */
const SOURCES = ['runtime/inbox', 'shared'];

/**
 * Builds the inbox page (Vite, the root config's `inbox` entry) into a private project root that the test server
 * can serve from: `<root>/dist/app/runtime/inbox/index.html` plus `<root>/examples` (the demo workspace's stream)
 * linked from the checkout. The build is cached by a hash of its sources and shared by concurrent test files.
 */
export async function buildInbox(): Promise<string> {
  const root = join(tmpdir(), `tributary-inbox-${sourceHash()}`);
  const done = join(root, '.built');
  if (existsSync(done)) return root;
  const lock = `${root}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(done)) return root;
      // Another test file is building the same sources; a lock older than 5 minutes is left over from a crash.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (existsSync(done)) return root;
    const { build } = await import('vite');
    const { default: react } = await import('@vitejs/plugin-react');
    await build({
      root: REPO,
      configFile: false,
      logLevel: 'error',
      plugins: [react()],
      build: {
        outDir: join(root, 'dist', 'app'),
        emptyOutDir: true,
        rollupOptions: {
          input: {
            inbox: join(REPO, 'runtime/inbox/index.html'),
            'inbox-sw': join(REPO, 'runtime/inbox/serviceWorker.ts'),
          },
          output: { entryFileNames: (c) => (c.name === 'inbox-sw' ? 'inbox-sw.js' : 'assets/[name]-[hash].js') },
        },
      },
    });
    if (!existsSync(join(root, 'examples'))) symlinkSync(join(REPO, 'examples'), join(root, 'examples'), 'dir');
    writeFileSync(done, new Date().toISOString());
    return root;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function sourceHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(tsx?|css|html|json)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
        h.update(p).update(readFileSync(p));
    }
  };
  for (const s of SOURCES) walk(join(REPO, s));
  return h.digest('hex').slice(0, 16);
}
