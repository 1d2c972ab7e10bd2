import type { WidgetSettings } from '../store/widget.ts';

/** How long a node trusts its copy of the allowed origins: a change reaches every node's sockets within this. */
const TTL_MS = 5_000;

/**
 * Whether a browser page of `origin` may open the widget's socket: the workspace's allowed origins (empty: any)
 * with a short-lived cached copy, so that opening a socket never waits for the store. No `Origin` header (a script,
 * a test client) is not a browser page and is let through, as the HTTP API does (SPEC §8.8).
 */
export function originGate(repo: () => WidgetSettings, now = () => Date.now()) {
  let cached: { at: number; list: Promise<string[]> } | undefined;
  return async (origin: string | undefined): Promise<boolean> => {
    if (!origin || origin === 'null') return true;
    if (!cached || now() - cached.at > TTL_MS) cached = { at: now(), list: repo().allowedOrigins() };
    const list = await cached.list.catch(() => [] as string[]);
    return list.length === 0 || list.includes(origin);
  };
}
