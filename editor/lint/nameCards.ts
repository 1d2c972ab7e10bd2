/** A quoted name in a diagnostic message, as lint quotes it (JSON: `"ask"`, `"say \"hi\""`). */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * A lint message as the editor shows it: lint names cards by id (the CLI's reader edits ids), the canvas by what
 * they say, so each quoted card id is replaced by the card's name (`nameOf`: its text, or the id itself when it
 * says nothing or there is no such card, in which case the quote stays as it is).
 */
export function nameCards(message: string, nameOf: (cardId: string) => string): string {
  return message.replace(QUOTED, (quoted) => {
    let id: unknown;
    try {
      id = JSON.parse(quoted);
    } catch {
      return quoted;
    }
    if (typeof id !== 'string') return quoted;
    const name = nameOf(id);
    return name === id ? quoted : JSON.stringify(name);
  });
}
