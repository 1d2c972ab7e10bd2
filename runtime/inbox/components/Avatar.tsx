/** A person's picture, or their initials on a colour derived from the name (stable across sessions). */
export function Avatar({ name, url, size = 32 }: { name: string; url?: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.4) };
  if (url) return <img className="avatar" src={url} alt="" style={style} />;
  return (
    <span className="avatar avatar-initials" style={{ ...style, background: colourFor(name) }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export function initials(name: string): string {
  const clean = name.replace(/[#@].*$/, '').trim();
  const parts = clean.split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = Array.from(parts[0])[0] ?? '';
  const last = parts.length > 1 ? (Array.from(parts[parts.length - 1])[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const PALETTE = ['#5b6ee1', '#2f9e8f', '#d9730d', '#c2417a', '#7a5af8', '#2e90fa', '#0f9d58', '#b54708'];

function colourFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
