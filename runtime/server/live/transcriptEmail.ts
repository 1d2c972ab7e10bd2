import { validateCapture } from '../../../shared/cards/validate.ts';
import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import type { Hub } from './hub.ts';
import type { OpError } from './opError.ts';

/** How many transcripts one visitor may ask for by email in `TRANSCRIPT_WINDOW_MS` (over every node). */
export const TRANSCRIPTS_PER_WINDOW = 3;
export const TRANSCRIPT_WINDOW_MS = 3600_000;

/**
 * A visitor asks for their conversation's transcript by email (SPEC §5: "to a visitor who asks, their transcript"):
 * to the address given, else to the one the server knows. Sent through the mailer (queued and retried, what only
 * agents see left out); a few a visitor an hour, so that the widget cannot be used to mail anyone at will.
 */
export async function emailTranscript(
  hub: Hub,
  visitorId: string,
  msg: { id: string; conversationId: string; email?: string },
  answer: (m: VisitorServerMessage) => void,
): Promise<OpError | undefined> {
  const rec = hub.convs.get(msg.conversationId)?.rec ?? (await hub.store.conversations.get(msg.conversationId));
  if (!rec || rec.visitorId !== visitorId) return { code: 'not-found', message: 'no such conversation of yours' };
  let to: string | undefined;
  if (msg.email) {
    const check = validateCapture({ attribute: 'email', input: 'text' }, msg.email);
    if (!check.ok) return { code: 'not-allowed', message: check.message };
    to = check.value;
  } else {
    const profile = hub.convs.get(rec.id)?.profile ?? (await hub.store.conversations.visitor(visitorId))?.profile;
    to = profile?.email?.trim() || undefined;
    if (!to) return void answer({ type: 'transcriptEmail', id: msg.id, sent: false });
  }
  if (!(await hub.store.meta.emailSettings()))
    return { code: 'not-allowed', message: 'transcripts by email are not available here' };
  // Counted where every node counts (Redis with REDIS_URL), and waited for: nodes agree on the count exactly.
  const asked = await hub.counters.addShared(`transcript:visitor:${visitorId}`, TRANSCRIPT_WINDOW_MS, hub.now());
  if (asked.count > TRANSCRIPTS_PER_WINDOW)
    return { code: 'rate-limited', message: 'too many transcripts asked for; try again in an hour' };
  // What is in memory and not yet stored goes with it: read once this turn's writes are durable.
  hub.after(() => {
    hub.mailer
      .transcript(rec.id, to)
      .then(() => answer({ type: 'transcriptEmail', id: msg.id, sent: true, to }))
      .catch((err) => {
        hub.log.warn({ err, conversation: rec.id }, 'the transcript email was not queued');
        answer({ type: 'error', code: 'unavailable', message: 'the transcript could not be sent', id: msg.id });
      });
  });
  return undefined;
}
