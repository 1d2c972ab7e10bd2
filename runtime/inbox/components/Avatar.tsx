import { personColor } from '../../../shared/brand.ts';

/** A person's picture, or their initials on a colour derived from the name (stable across sessions). */
export function Avatar({ name, url, size = 32 }: { name: string; url?: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.4) };
  if (url) return <img className="avatar" src={url} alt="" style={style} />;
  return (
    <span className="avatar avatar-initials" style={{ ...style, background: personColor(name) }} aria-hidden="true">
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
