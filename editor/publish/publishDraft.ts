import { ApiError } from '../../web/api/client.ts';
import { streamsApi } from '../api/streams.ts';
import type { Diagnostic } from '../../shared/lint/diagnostic.ts';

export type PublishOutcome =
  { ok: true; version: number; hash: string } | { ok: false; diagnostics: Diagnostic[]; message: string };

export const PUBLISHED_EVENT = 'tributary:published';

/**
 * Publishes the server's draft. The last edits travel on the co-editing socket while this request goes over HTTP:
 * when the server still finds errors the editor no longer sees, it has not applied those edits yet, so ask again
 * shortly (a few times) before reporting the refusal.
 */
export async function publishDraft(streamId: string, localErrors: () => number, retries = 4): Promise<PublishOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await streamsApi.publish(streamId);
      window.dispatchEvent(new CustomEvent(PUBLISHED_EVENT, { detail: { streamId, version: r.version } }));
      return { ok: true, version: r.version, hash: r.hash };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 422) throw err;
      const diagnostics = ((err.body as { diagnostics?: Diagnostic[] } | undefined)?.diagnostics ?? []).filter(Boolean);
      if (localErrors() === 0 && attempt < retries) {
        await new Promise((ok) => setTimeout(ok, 250 * (attempt + 1)));
        continue;
      }
      const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
      return { ok: false, diagnostics, message: first ? `${first.code}: ${first.message}` : err.message };
    }
  }
}
