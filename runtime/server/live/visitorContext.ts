import type { VisitorPage } from '../../../shared/protocol/visitor.ts';
import { MAX_USER_AGENT } from '../store/visitorContext.ts';
import type { Conv } from './conv.ts';
import type { Hub } from './hub.ts';
import type { VisitorPeer } from './peers.ts';

/** What a visitor socket knows of its page: the hello's URL and `page`, and the upgrade's `User-Agent`. */
export interface PeerPage {
  url: string;
  page: VisitorPage | undefined;
  userAgent: string | undefined;
}

/**
 * Stores where the visitor is (the socket `origin` that caused it) with the conversation: when it starts, and
 * again when the visitor asks for a person, so that agents see the page where the chat was requested. A socket
 * that knows no page (another node's, a test's) changes nothing.
 */
export function recordContext(hub: Hub, conv: Conv, origin: VisitorPeer | undefined, requested: boolean): void {
  const where = origin?.page;
  if (!where) return;
  const context = {
    url: where.url,
    title: where.page?.title ?? null,
    referrer: where.page?.referrer ?? null,
    userAgent: where.userAgent ? where.userAgent.slice(0, MAX_USER_AGENT) : null,
    timeZone: where.page?.timeZone ?? null,
    language: where.page?.language ?? null,
    requested,
    at: hub.now(),
  };
  hub.write(() => void hub.store.visitorContexts.set(conv.rec.id, context));
}
