import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MARK_SVG } from '../../../shared/brand.ts';
import type { Handler, Req, Res } from '../http/types.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);

export interface StaticOptions {
  /** Project root: dist/app, dist/widget and runtime/widget/demo.html are found from here. */
  root: string;
  /** The workspace id the demo page's snippet names. */
  workspace(): string;
  /** Serve the build's `*.map` files (off by default: they hand out the source). */
  sourceMaps?: boolean;
}

interface Cached {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzip?: Buffer;
}

/**
 * Pages and files: the editor at `/`, `/streams/*`, `/widget/*` and `/leads`, the inbox at `/inbox` and `/inbox/*` (single-page apps: any
 * path under them gets the page), hashed build assets (cached for a year), the widget scripts, and `/demo`.
 * A file the build has not produced yet answers 503 with a page that says how to build, never a crash.
 */
export function staticFiles(opts: StaticOptions): Handler {
  const app = join(opts.root, 'dist', 'app');
  const widget = join(opts.root, 'dist', 'widget');
  const cache = new Map<string, Cached>();

  const file = (req: Req, path: string, cacheControl: string): Res | undefined => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    let c = cache.get(path);
    if (!c || c.mtimeMs !== st.mtimeMs || c.size !== st.size) {
      c = { mtimeMs: st.mtimeMs, size: st.size, body: readFileSync(path) };
      cache.set(path, c);
    }
    const ext = extname(path).toLowerCase();
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      vary: 'accept-encoding',
    };
    if (COMPRESSIBLE.has(ext) && c.body.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      c.gzip ??= gzipSync(c.body, { level: 6 });
      return { status: 200, headers: { ...headers, 'content-encoding': 'gzip' }, body: c.gzip };
    }
    return { status: 200, headers, body: c.body };
  };

  /** A path inside `dir`, or undefined when the request tries to leave it. */
  const inside = (dir: string, rel: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rel);
    } catch {
      return undefined;
    }
    const p = normalize(join(dir, decoded));
    return p.startsWith(dir + sep) ? p : undefined;
  };

  const page = (req: Req, rel: string, name: string) => file(req, join(app, rel), 'no-cache') ?? notBuilt(name);

  return (req) => {
    const path = req.path;
    if (!opts.sourceMaps && path.toLowerCase().endsWith('.map')) return notFound();
    if (
      path === '/' ||
      path === '/streams' ||
      path.startsWith('/streams/') ||
      path === '/widget' ||
      path.startsWith('/widget/') ||
      path === '/leads'
    )
      return page(req, 'editor/index.html', 'editor');
    if (path === '/inbox' || path.startsWith('/inbox/')) return page(req, 'runtime/inbox/index.html', 'inbox');
    if (path === '/demo' || path === '/demo/') {
      return (
        file(req, join(opts.root, 'runtime', 'widget', 'demo.html'), 'no-cache') ?? demoPlaceholder(opts.workspace())
      );
    }
    if (path === '/widget.js' || path === '/widget-ui.js') {
      // The loader is embedded by URL on other sites: short cache. The UI is fetched with its content hash.
      const cc =
        path === '/widget.js'
          ? 'public, max-age=300'
          : req.query.has('v')
            ? 'public, max-age=31536000, immutable'
            : 'no-cache';
      const res = file(req, join(widget, path.slice(1)), cc);
      return res ? { ...res, headers: { ...res.headers, 'access-control-allow-origin': '*' } } : notBuilt('widget');
    }
    if (path === '/favicon.svg') {
      return {
        status: 200,
        headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
        body: MARK_SVG,
      };
    }
    // Browsers ask for /favicon.ico on pages without an icon link (hosts of the widget, old bookmarks): no content.
    if (path === '/favicon.ico')
      return { status: 204, headers: { 'cache-control': 'public, max-age=86400' }, body: '' };
    if (path.startsWith('/assets/')) {
      const p = inside(app, path.slice(1));
      return (p ? file(req, p, 'public, max-age=31536000, immutable') : undefined) ?? notFound();
    }
    const p = inside(app, path.slice(1));
    return (p ? file(req, p, 'no-cache') : undefined) ?? notFound();
  };
}

/** The product's icon, served by the runtime for every page (a same-origin URL, so strict CSPs allow it). */

function notBuilt(what: string): Res {
  return {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '30' },
    body: `<!doctype html><meta charset="utf-8"><title>Not built yet</title>
<h1>The ${what} is not built yet</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload.</p>`,
  };
}

function notFound(): Res {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'not found' };
}

function demoPlaceholder(workspace: string): Res {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
    body: `<!doctype html><meta charset="utf-8"><title>Tributary demo</title><h1>Tributary demo page</h1>
<p>The chat widget appears in the corner.</p><script src="/widget.js" data-workspace="${workspace.replace(/[^\w-]/g, '')}" async></script>`,
  };
}
