import type { Appearance } from '../../../shared/widget/appearance.ts';
import type { ResolvedDialogue, ResumeInfo } from '../kernel.ts';
import { readAppearance } from '../theme.ts';

export interface Resolution {
  dialogue: ResolvedDialogue | null;
  resume: ResumeInfo | null;
  /** The visitor's credential (kept in localStorage; the runtime issues one on the first page view). */
  visitorToken?: string;
  appearance: Appearance;
}

/**
 * Asks the runtime which dialogue applies to this page for this visitor (POST /api/widget/resolve: targeting,
 * priority and show-once are decided on the server with shared/targeting) and whether the visitor has a
 * conversation in progress. The answer is checked by hand rather than with the protocol's zod schema, which
 * would not fit the loader's size budget; anything unexpected counts as "nothing to show", and a refusal (an
 * origin the workspace does not allow) answers null: no widget at all.
 */
export async function resolveDialogue(
  origin: string,
  workspace: string,
  visitorToken: string | undefined,
): Promise<Resolution | null> {
  try {
    // The credential goes in the body, never in a URL; a text/plain body needs no CORS preflight.
    const res = await fetch(`${origin}/api/widget/resolve`, {
      method: 'POST',
      credentials: 'omit',
      body: JSON.stringify({ workspace, url: location.href, visitorToken }),
    });
    if (!res.ok) return null;
    const body: any = await res.json();
    const d = body?.dialogue;
    const r = body?.resume;
    return {
      dialogue:
        d && typeof d.id === 'string'
          ? {
              id: d.id,
              version: d.version,
              triggers: d.triggers ?? {},
              poke: typeof d.poke === 'string' ? d.poke : null,
            }
          : null,
      resume: r && typeof r.conversationId === 'string' ? r : null,
      visitorToken: typeof body.visitorToken === 'string' ? body.visitorToken : undefined,
      appearance: readAppearance(body.appearance),
    };
  } catch {
    return null;
  }
}
