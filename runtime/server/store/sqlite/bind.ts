/** SQLite binds no booleans: the repositories pass them as 0/1. */
export function bindable(v: unknown): unknown {
  return typeof v === 'boolean' ? +v : v;
}
