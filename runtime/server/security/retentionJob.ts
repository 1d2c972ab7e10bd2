import type { Logger } from 'pino';

/** What the job deletes through the store's repositories: expired sessions, and conversations that ended before a
 * cutoff (`conversations.purgeEnded` of either backend). */
export interface Retention {
  purgeExpired(now: number): Promise<number>;
  purgeConversations(cutoff: number, limit: number): Promise<number>;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The retention job (docs/security.md): every `intervalSec`, expired sessions are purged and, when `days` > 0,
 * ended conversations older than that many days are deleted in batches (a run goes on batch after batch, yielding
 * to the event loop between them, until none is left). Returns `stop` and `runOnce` (tests).
 */
export function startRetentionJob(
  retention: Retention,
  opts: {
    days: number;
    intervalSec: number;
    log: Logger;
    onDeleted?(what: 'conversations' | 'sessions', n: number): void;
  },
) {
  let running = false;
  const runOnce = async (now = Date.now()): Promise<{ conversations: number; sessions: number }> => {
    if (running) return { conversations: 0, sessions: 0 };
    running = true;
    try {
      const sessions = await retention.purgeExpired(now);
      let conversations = 0;
      if (opts.days > 0) {
        const cutoff = now - opts.days * DAY_MS;
        for (;;) {
          const n = await retention.purgeConversations(cutoff, 500);
          conversations += n;
          if (n === 0) break;
          await new Promise((r) => setImmediate(r));
        }
      }
      opts.onDeleted?.('sessions', sessions);
      opts.onDeleted?.('conversations', conversations);
      if (sessions || conversations) opts.log.info({ sessions, conversations }, 'retention: deleted');
      return { conversations, sessions };
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => {
    runOnce().catch((err) => opts.log.error({ err }, 'retention job failed'));
  }, opts.intervalSec * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
