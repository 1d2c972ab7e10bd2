import { api } from '../../../shared/api/routes.ts';
import type { CompiledStream } from '../../../shared/compile/format.ts';
import { renderTokens } from '../../../shared/engine/tokens.ts';
import type { ResolveResponse } from '../../../shared/protocol/visitor.ts';
import { HttpError, type Route } from '../http/types.ts';
import { resolveDialogue } from '../live/resolveDialogue.ts';
import type { VersionCache } from '../live/versionCache.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** The widget runs on other sites: its one HTTP call is readable cross-origin and never cached. */
const PUBLIC = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

/** GET /api/widget/resolve: which dialogue the page shows, and the conversation to resume (docs/protocol.md). */
export function widgetRoutes(ctx: ApiContext, versions: VersionCache): Route[] {
  return [
    route(api.resolveWidget, {
      handler(_req, call) {
        const { workspace, url, visitor: visitorId } = call.query;
        if (workspace !== ctx.store.meta.workspace()) throw new HttpError(404, 'not-found', 'unknown workspace');
        const visitor = visitorId ? ctx.store.conversations.visitor(visitorId) : undefined;
        const open = visitor ? ctx.store.conversations.openOfVisitor(visitor.id) : undefined;
        const found = resolveDialogue(ctx.store, url, visitor?.id);
        let dialogue: ResolveResponse['dialogue'] = null;
        if (found) {
          const compiled = versions.get(found.dialogue.streamId, found.version);
          dialogue = {
            id: found.dialogue.id,
            version: found.version,
            triggers: found.dialogue.triggers,
            poke: compiled ? pokeOf(compiled, visitor?.profile ?? {}) : null,
          };
        }
        const body: ResolveResponse = {
          dialogue,
          resume: open ? { conversationId: open.id, dialogueId: open.dialogueId, status: open.status } : null,
        };
        return call.json(200, body, PUBLIC);
      },
    }),
  ];
}

/** The start card's teaser text when it is a message with `poke`. */
function pokeOf(compiled: CompiledStream, profile: Record<string, string>): string | null {
  const start = compiled.cards[compiled.start];
  const data = start?.data as { text?: string; poke?: boolean } | undefined;
  return start?.type === 'message' && data?.poke && data.text ? renderTokens(data.text, profile) : null;
}
