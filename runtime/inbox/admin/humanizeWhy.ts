/**
 * The routing engine explains decisions with agent ids ("offered to u_zO7…"); admins know people by name. Every
 * known id in the sentence is replaced by the person's name (longest ids first, whole tokens only).
 */
export function humanizeWhy(why: string, names: Record<string, string>): string {
  const ids = Object.keys(names)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  if (ids.length === 0) return why;
  const pattern = new RegExp(`(?<![\\w-])(${ids.map(escape).join('|')})(?![\\w-])`, 'g');
  return why.replace(pattern, (id) => names[id] ?? id);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
