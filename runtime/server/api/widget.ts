import { api } from '../../../shared/api/routes.ts';
import type { CompiledStream } from '../../../shared/compile/format.ts';
import { renderTokens } from '../../../shared/engine/tokens.ts';
import type { ResolveResponse } from '../../../shared/protocol/visitor.ts';
import { mergeAppearance } from '../../../shared/widget/appearance.ts';
import { json, type Req, type Route } from '../http/types.ts';
import { pendingMissed } from '../live/missed.ts';
import { resolveDialogue } from '../live/resolveDialogue.ts';
import type { VersionCache } from '../live/versionCache.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';
import { siteLog } from './siteLog.ts';

/** The widget runs on other sites: its HTTP calls are readable cross-origin and never cached. */
const PUBLIC = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

/**
 * The widget's public calls (docs/protocol.md): POST /api/widget/resolve, the loader's one request on every page
 * view (which dialogue the page shows, how it looks, the conversation to resume), and POST /api/widget/track,
 * the loader's beacon when it shows a dialogue. Both refuse pages whose origin the allowed origins leave out, and
 * the first records where the widget was seen loading (the install page's check).
 */
export function widgetRoutes(ctx: ApiContext, versions: VersionCache): Route[] {
  const sites = siteLog(() => ctx.store.widget);
  /** The page's origin: the browser's `Origin` header when it sent one, else the page URL the loader gave. */
  const admit = async (req: Req, url: string) => {
    let origin = req.headers.origin && req.headers.origin !== 'null' ? req.headers.origin : '';
    if (!origin) {
      try {
        origin = new URL(url).origin;
      } catch {
        return undefined;
      }
    }
    const allowed = await ctx.store.widget.allowedOrigins();
    return { origin, allowed: allowed.length === 0 || allowed.includes(origin) };
  };
  const refuse = (origin: string) =>
    fail(403, 'origin-not-allowed', `${origin} is not among the widget's allowed origins`);

  return [
    route(api.resolveWidget, {
      async handler(req, call) {
        const { workspace, url, visitorToken } = call.body;
        if (workspace !== (await ctx.store.meta.workspace())) return fail(404, 'not-found', 'unknown workspace');
        const page = await admit(req, url);
        if (!page) return fail(400, 'invalid', 'url: give the page URL');
        sites.seen(page.origin, url, page.allowed);
        if (!page.allowed) return refuse(page.origin);
        // A visitor gets a credential on the first page view, so that what they were shown counts before they chat;
        // issuing one stores nothing (security/visitorCredentials.ts).
        const known = ctx.visitorCredentials.verify(visitorToken);
        const issued = known ? { visitorId: known, token: visitorToken! } : ctx.visitorCredentials.issue();
        const visitorId = issued.visitorId;
        const visitor = known ? await ctx.store.conversations.visitor(visitorId) : undefined;
        const open = visitor ? await ctx.store.conversations.openOfVisitor(visitor.id) : undefined;
        // After a fallback the widget comes back with its box for a message until one is left (SPEC §4).
        const missed = visitor && !open ? await pendingMissed(ctx.store, visitor.id, Date.now()) : undefined;
        const resume: ResolveResponse['resume'] = open
          ? { conversationId: open.id, dialogueId: open.dialogueId, status: open.status }
          : missed
            ? {
                conversationId: missed.conversation.id,
                dialogueId: missed.conversation.dialogueId,
                status: 'ended',
                missed: { emailKnown: missed.emailKnown },
              }
            : null;
        const found = await resolveDialogue(ctx.store, url, known);
        let dialogue: ResolveResponse['dialogue'] = null;
        if (found) {
          const compiled = await versions.get(found.dialogue.streamId, found.version);
          dialogue = {
            id: found.dialogue.id,
            version: found.version,
            triggers: found.dialogue.triggers,
            poke: compiled ? pokeOf(compiled, visitor?.profile ?? {}) : null,
          };
        }
        // The look of the dialogue in progress first (the widget keeps the look a conversation started with).
        const lookOf = resume?.dialogueId ?? found?.dialogue.id;
        const body: ResolveResponse = {
          dialogue,
          resume,
          visitorToken: issued.token,
          appearance: mergeAppearance(
            await ctx.store.widget.appearance(),
            lookOf ? await ctx.store.widget.dialogueAppearance(lookOf) : null,
          ),
        };
        return call.json(200, body, PUBLIC);
      },
    }),
    route(api.trackWidget, {
      async handler(req, call) {
        const b = call.body;
        if (!ctx.security.beacon(req.ip, Date.now()))
          return json(
            429,
            { error: { code: 'rate-limited', message: 'too many beacons from your address' } },
            {
              ...PUBLIC,
              'retry-after': '60',
            },
          );
        if (b.workspace !== (await ctx.store.meta.workspace())) return fail(404, 'not-found', 'unknown workspace');
        const visitorId = ctx.visitorCredentials.verify(b.visitorToken);
        if (!visitorId) return fail(400, 'invalid', 'visitorToken: give the visitorToken the resolve call answered');
        const d = await ctx.store.dialogues.get(b.dialogue);
        if (!d || !d.active) return fail(404, 'not-found', 'dialogue: no such active dialogue');
        const page = await admit(req, b.url);
        if (!page) return fail(400, 'invalid', 'url: give the page URL');
        if (!page.allowed) return refuse(page.origin);
        const at = Date.now();
        await ctx.store.commit.atomically(() => {
          void ctx.store.conversations.markDialogue(visitorId, d.id, 'triggered', at);
          void ctx.store.decisions.callback(at, null, d.id, visitorId, 'triggered', {});
        });
        return { status: 204, headers: PUBLIC };
      },
    }),
  ];
}

/** An error the page's script may read (the loader treats any refusal as "no widget here"). */
function fail(status: number, code: string, message: string) {
  return json(status, { error: { code, message } }, PUBLIC);
}

/** The start card's teaser text when it is a message with `poke`. */
function pokeOf(compiled: CompiledStream, profile: Record<string, string>): string | null {
  const start = compiled.cards[compiled.start];
  const data = start?.data as { text?: string; poke?: boolean } | undefined;
  return start?.type === 'message' && data?.poke && data.text ? renderTokens(data.text, profile) : null;
}
