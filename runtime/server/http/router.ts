import type { Method, Route } from './types.ts';

export type Match =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: Method[] }
  | { kind: 'none' };

interface Compiled {
  route: Route;
  /** Literal segments, or `{name}` placeholders as `null` with the name in `names`. */
  segments: (string | null)[];
  names: string[];
}

/**
 * The route table: OpenAPI-style templates (`/api/streams/{id}`), matched segment by segment. A literal segment
 * wins over a placeholder, so `/api/streams/{id}/export` and `/api/users/me`-style paths need no ordering care.
 */
export class Router {
  private readonly compiled: Compiled[];

  constructor(readonly routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const segments = route.path
        .split('/')
        .slice(1)
        .map((s) => {
          const m = /^\{(\w+)\}$/.exec(s);
          if (!m) return s;
          names.push(m[1]);
          return null;
        });
      return { route, segments, names };
    });
    const seen = new Set<string>();
    for (const r of routes) {
      const key = `${r.method} ${r.path.replace(/\{\w+\}/g, '{}')}`;
      if (seen.has(key)) throw new Error(`route ${key} is defined twice`);
      seen.add(key);
    }
  }

  match(method: string, path: string): Match {
    const parts = path.split('/').slice(1);
    let best: { c: Compiled; score: number; values: string[] } | undefined;
    const allow = new Set<Method>();
    for (const c of this.compiled) {
      if (c.segments.length !== parts.length) continue;
      const values: string[] = [];
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = c.segments[i];
        if (seg === null) {
          if (parts[i] === '') ok = false;
          else values.push(parts[i]);
        } else if (seg === parts[i]) score += 1;
        else ok = false;
      }
      if (!ok) continue;
      if (c.route.method !== method) {
        allow.add(c.route.method);
        continue;
      }
      if (!best || score > best.score) best = { c, score, values };
    }
    if (best) {
      const params: Record<string, string> = {};
      best.c.names.forEach((n, i) => (params[n] = safeDecode(best.values[i])));
      return { kind: 'route', route: best.c.route, params };
    }
    return allow.size ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'none' };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
