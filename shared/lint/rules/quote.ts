/** Quotes a name inside a diagnostic message: `"ask"`. JSON quoting keeps odd ids (quotes, newlines) readable. */
export function q(name: string): string {
  return JSON.stringify(name);
}

/** A list of quoted names, at most `max` of them, then how many more. */
export function qList(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map(q).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
