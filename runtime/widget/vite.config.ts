import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';

/**
 * The widget is two classic scripts in dist/widget/:
 * - `widget.js`, the loader a site embeds (no framework, a 5 kB gzip budget): resolves the page's dialogue, arms
 *   its triggers, shows the launcher and the poke bubble;
 * - `widget-ui.js`, the conversation UI (Preact), fetched only when a conversation opens.
 * Both are IIFEs rather than ES modules because a cross-origin module import needs CORS headers on every host that
 * serves the files, and a classic script does not. This config builds the UI, then the loader, which carries the
 * UI's content hash so that browsers never run a stale UI chunk against a new loader.
 * `vite build -c runtime/widget/vite.config.ts [--outDir DIR]`.
 */
const here = import.meta.dirname;
const preactJsx = { jsx: { runtime: 'automatic', importSource: 'preact' } } as const;

export default defineConfig({
  oxc: preactJsx,
  build: {
    outDir: resolve(here, '../../dist/widget'),
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: resolve(here, 'ui/main.tsx'),
      formats: ['iife'],
      name: 'TributaryUi',
      fileName: () => 'widget-ui.js',
    },
  },
  plugins: [buildLoaderAfter()],
});

function buildLoaderAfter(): Plugin {
  let outDir = '';
  return {
    name: 'tributary-widget-loader',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const ui = readFileSync(resolve(outDir, 'widget-ui.js'));
      const version = createHash('sha256').update(ui).digest('hex').slice(0, 10);
      await build({
        configFile: false,
        logLevel: 'warn',
        define: { __TRIBUTARY_UI_VERSION__: JSON.stringify(version) },
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2020',
          lib: {
            entry: resolve(here, 'loader/main.ts'),
            formats: ['iife'],
            name: 'TributaryLoader',
            fileName: () => 'widget.js',
          },
        },
      });
    },
  };
}
