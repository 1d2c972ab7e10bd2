import type { PushPayload } from '../../shared/api/push.ts';

/**
 * The inbox's service worker (served as `/inbox-sw.js`, scope `/inbox`): it shows the pushes of
 * runtime/server/push/ as system notifications when the agent is not looking at an inbox page (none open, or
 * none visible and focused: a page in front alerts the agent itself), and a click opens the inbox on that offer
 * or chat — in an inbox tab that is already open, else in a new one. It handles no fetches: the inbox is not
 * cached or served offline. The page's own notifications carry the same tags, so one replaces the other.
 */

const sw = self as unknown as SwScope;

sw.addEventListener('install', () => void sw.skipWaiting());
sw.addEventListener('activate', (e) => keepAlive(e, sw.clients.claim()));

sw.addEventListener('push', (e) => {
  const payload = readPayload(e as PushEvent);
  if (payload) keepAlive(e, show(payload));
});

sw.addEventListener('notificationclick', (e) => {
  const n = (e as NotificationEvent).notification;
  n.close();
  const payload = n.data as PushPayload | null;
  if (payload?.url) keepAlive(e, open(payload));
});

// The push service replaced the subscription (keys rotated, expiry): hand the new one to the runtime.
sw.addEventListener('pushsubscriptionchange', (e) => keepAlive(e, resubscribe(e as SubscriptionChangeEvent)));

async function show(p: PushPayload): Promise<void> {
  const windows = await inboxWindows();
  if (windows.some((w) => w.visibilityState === 'visible' && w.focused)) return;
  await sw.registration.showNotification(p.title, {
    body: p.body,
    tag: p.tag,
    data: p,
    icon: '/favicon.svg',
    // An offer waits for an answer; a message may fade like any other.
    requireInteraction: p.kind === 'offer',
    renotify: true,
  } as NotificationOptions);
}

async function open(p: PushPayload): Promise<void> {
  const [tab] = await inboxWindows();
  if (tab) {
    // The page brings the offer or chat forward (runtime/inbox/notify/webPush.ts `onNotificationOpen`).
    tab.postMessage({ type: 'tributary:open', kind: p.kind, conversationId: p.conversationId });
    await tab.focus().catch(() => undefined);
    return;
  }
  await sw.clients.openWindow(p.url);
}

async function resubscribe(e: SubscriptionChangeEvent): Promise<void> {
  const key = e.oldSubscription?.options.applicationServerKey;
  if (!key) return;
  const sub = await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await fetch('/api/push/subscriptions', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...sub.toJSON(), lang: navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en' }),
  });
}

function readPayload(e: PushEvent): PushPayload | undefined {
  try {
    const p = e.data?.json() as PushPayload | undefined;
    return p && typeof p.title === 'string' && typeof p.url === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Inbox pages of this origin, the most recently focused first (as the browser orders them). */
async function inboxWindows(): Promise<WindowClientLike[]> {
  const all = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return all.filter((c) => new URL(c.url).pathname.startsWith('/inbox'));
}

/** Keeps the worker alive until `work` settles. Only a browser-dispatched event takes it (a script's throws). */
function keepAlive(e: Event, work: Promise<unknown>): void {
  try {
    (e as ExtendableEvent).waitUntil(work);
  } catch {
    void work;
  }
}

// The service-worker globals (TypeScript's DOM library, which the inbox compiles with, does not declare them).
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification;
}
interface SubscriptionChangeEvent extends ExtendableEvent {
  oldSubscription: PushSubscription | null;
}
interface WindowClientLike {
  url: string;
  focused: boolean;
  visibilityState: DocumentVisibilityState;
  focus(): Promise<WindowClientLike>;
  postMessage(msg: unknown): void;
}
interface SwScope {
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<WindowClientLike | null>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: string, fn: (e: Event) => void): void;
}
