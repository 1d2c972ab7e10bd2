/**
 * The client's address: the peer's, or, when the peer is a configured trusted proxy, the address that proxy put in
 * `X-Forwarded-For` (the right-most entry not itself a trusted proxy). Without trusted proxies the header is ignored,
 * so a client cannot pick the address its limits are counted against.
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string {
  const p = normalise(peer);
  if (!forwardedFor || !trusted.has(p)) return p;
  const hops = forwardedFor
    .split(',')
    .map((s) => normalise(s.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i])) return hops[i];
  return hops[0] ?? p;
}

/** uws prints IPv4 peers as IPv4-mapped IPv6 (`0000:…:ffff:7f00:1` or `::ffff:127.0.0.1`): one spelling per address. */
export function normalise(addr: string): string {
  const a = addr.toLowerCase();
  const mapped = /^(?:0{1,4}:){5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (mapped) {
    const hi = parseInt(mapped[1], 16);
    const lo = parseInt(mapped[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  if (a.startsWith('::ffff:') && a.includes('.')) return a.slice(7);
  return a;
}

export function trustedSet(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.map(normalise));
}
