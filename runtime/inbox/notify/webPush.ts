import { api } from '../api/client.ts';

/** Where the runtime serves the inbox's service worker (runtime/inbox/serviceWorker.ts, built by Vite). */
export const SERVICE_WORKER_URL = '/inbox-sw.js';
const SCOPE = '/inbox';

/** Whether this browser can take pushes here (a secure context with service workers and the Push API). */
export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' && window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window
  );
}

/** Registers the service worker (idempotent): it shows pushes and opens the inbox from their notifications. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!pushSupported()) return undefined;
  try {
    return await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: SCOPE });
  } catch {
    return undefined;
  }
}

/**
 * Subscribes this browser to the workspace's pushes and hands the subscription to the runtime for the signed-in
 * agent (called once notifications are allowed: from the banner's Enable, and on every load after, which keeps the
 * runtime's copy current). Never throws: a browser without a push service (or that refuses) keeps the in-page
 * notifications, which work while an inbox tab is open.
 */
export async function subscribePush(lang: string): Promise<'subscribed' | 'unsupported' | 'failed'> {
  if (!pushSupported() || Notification.permission !== 'granted') return 'unsupported';
  try {
    const reg = await registerServiceWorker();
    if (!reg) return 'unsupported';
    const { publicKey } = await api.pushKey();
    let sub = await reg.pushManager.getSubscription();
    // Made with another key (the workspace's keys are kept, but a browser may hold an older workspace's): renew.
    if (sub && keyOf(sub) !== publicKey) {
      await sub.unsubscribe().catch(() => false);
      sub = null;
    }
    sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
    const json = sub.toJSON();
    await api.savePushSubscription({
      endpoint: sub.endpoint,
      keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
      lang: lang === 'ko' ? 'ko' : 'en',
    });
    return 'subscribed';
  } catch {
    return 'failed';
  }
}

/** Signing out: the runtime forgets this browser's subscription and the browser drops it. Never throws. */
export async function unsubscribePush(): Promise<void> {
  if (!pushSupported()) return;
  try {
    const reg = await navigator.serviceWorker.getRegistration(SCOPE);
    const sub = await reg?.pushManager.getSubscription();
    if (!sub) return;
    await api.deletePushSubscription(sub.endpoint).catch(() => undefined);
    await sub.unsubscribe();
  } catch {
    // The session's subscriptions are forgotten by the sign-out itself.
  }
}

/** A click on a notification the service worker showed, while this inbox page was open. */
export function onNotificationOpen(fn: (kind: 'offer' | 'message', conversationId: string) => void): () => void {
  if (!pushSupported()) return () => {};
  const listener = (e: MessageEvent) => {
    const m = e.data as { type?: string; kind?: 'offer' | 'message'; conversationId?: string } | null;
    if (m?.type === 'tributary:open' && m.kind && m.conversationId) fn(m.kind, m.conversationId);
  };
  navigator.serviceWorker.addEventListener('message', listener);
  navigator.serviceWorker.startMessages();
  return () => navigator.serviceWorker.removeEventListener('message', listener);
}

function keyOf(sub: PushSubscription): string | undefined {
  const raw = sub.options.applicationServerKey;
  if (!raw) return undefined;
  const bytes = new Uint8Array(raw);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
