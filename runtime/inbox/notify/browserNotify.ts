import type { PermissionState } from '../components/NotificationBanner.tsx';

/** The browser's notification permission, or `unsupported` (no Notification API, e.g. an insecure origin). */
export function notificationPermission(): PermissionState {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

export async function requestNotificationPermission(): Promise<PermissionState> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

/**
 * Shows a system notification when allowed. `tag` replaces an earlier notification about the same chat instead
 * of stacking; a click brings the inbox tab forward and calls `onClick` (which focuses the chat or the offer).
 */
export function showNotification(
  title: string,
  body: string,
  tag: string,
  onClick: () => void,
): Notification | undefined {
  if (notificationPermission() !== 'granted') return undefined;
  try {
    const n = new Notification(title, { body, tag, requireInteraction: true });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
    return n;
  } catch {
    // Some platforms only allow notifications from a service worker; the banner and the sound still work.
    return undefined;
  }
}

/** True when the agent is not looking at the inbox: the tab is hidden or the window is in the background. */
export function pageIsHidden(): boolean {
  return typeof document !== 'undefined' && (document.visibilityState === 'hidden' || !document.hasFocus());
}
