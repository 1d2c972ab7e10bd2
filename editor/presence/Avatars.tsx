/** Overlapping initials of people (colleagues in a stream, editors of a stream in the list). */
export function Avatars({ people, max = 4 }: { people: { name: string; color: string }[]; max?: number }) {
  const shown = people.slice(0, max);
  return (
    <span className="avatars">
      {shown.map((p, i) => (
        <span key={i} className="avatar" style={{ background: p.color }} title={p.name}>
          {initials(p.name)}
        </span>
      ))}
      {people.length > max ? <span className="avatar avatar--more">+{people.length - max}</span> : null}
    </span>
  );
}

function initials(name: string): string {
  const parts = name
    .trim()
    .split(/[\s@._-]+/)
    .filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}
