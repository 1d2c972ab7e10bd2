/**
 * Formats a schema issue path the way people write it: `['cards', 2, 'data']` → `cards[2].data`. Error messages of
 * the interchange format, the route-sim scenario and the API all use it, so a bad field is named the same way.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return out === '' ? '(document)' : out;
}
