import { isIP } from 'node:net';
import { hostname } from 'node:os';

/** Why a webhook URL is refused, or null when it may be used. */
export function refuseUrl(raw: string, ownPorts: readonly number[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url: not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `url: only http and https, not ${url.protocol}`;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  // The runtime's own listener: a delivery to it would loop events through the node (SPEC §8.7). Receivers on
  // other loopback ports are allowed (same-host receivers, tests).
  if (ownPorts.includes(port) && isThisHost(url.hostname)) return "url: names this runtime's own listener";
  return null;
}

function isThisHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === hostname().toLowerCase()) return true;
  if (h === '0.0.0.0' || h === '::' || h === '::1') return true;
  if (/^::ffff:7f[0-9a-f]{2}:/.test(h)) return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}
