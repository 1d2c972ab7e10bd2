/**
 * Tokens in bot texts (SPEC §1): `{{attribute}}` or `{{attribute:"default"}}`. The one place that knows the syntax:
 * the engine replaces tokens with it, lint (`unknown-token`) lists them with it. Canned replies in the inbox also
 * take the shorter `{{attribute|default}}` (`renderReplyTokens`).
 */
export interface Token {
  /** The whole token as written, e.g. `{{firstName:"there"}}`. */
  raw: string;
  attribute: string;
  /** The default after unescaping `\"` and `\\`, when the token has one. */
  fallback?: string;
}

// Same attribute-name pattern as ATTRIBUTE_NAME_PATTERN in shared/stream/attributes.ts, without the anchors.
const TOKEN = /\{\{\s*([A-Za-z_][\w.-]*)\s*(?::\s*"((?:[^"\\]|\\.)*)"\s*)?\}\}/g;

/** Every token in `text`, in order of appearance. */
export function parseTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token: Token = { raw: m[0], attribute: m[1] };
    if (m[2] !== undefined) token.fallback = unescape(m[2]);
    out.push(token);
  }
  return out;
}

/**
 * Replaces every token with the visitor's value, or its default when the value is unknown (absent or blank);
 * an unknown value without a default becomes the empty string. Text that merely looks like a token but is not
 * well-formed is left as written.
 */
export function renderTokens(text: string, attributes: Readonly<Record<string, string | undefined>>): string {
  if (!text.includes('{{')) return text;
  return text.replace(TOKEN, (_raw, attribute: string, fallback: string | undefined) => {
    const value = Object.hasOwn(attributes, attribute) ? attributes[attribute] : undefined;
    if (value !== undefined && value.trim() !== '') return value;
    return fallback === undefined ? '' : unescape(fallback);
  });
}

// The canned-reply form: `{{firstName|there}}` (the default runs to the closing braces, spaces kept inside).
const REPLY_TOKEN = /\{\{\s*([A-Za-z_][\w.-]*)\s*\|([^{}]*)\}\}/g;

/**
 * Fills a canned reply for one visitor: `{{attribute|default}}` and every form `renderTokens` knows, each with the
 * visitor's value, else its default (trimmed), else nothing.
 */
export function renderReplyTokens(text: string, attributes: Readonly<Record<string, string | undefined>>): string {
  if (!text.includes('{{')) return text;
  const filled = text.replace(REPLY_TOKEN, (_raw, attribute: string, fallback: string) => {
    const value = Object.hasOwn(attributes, attribute) ? attributes[attribute] : undefined;
    return value !== undefined && value.trim() !== '' ? value : fallback.trim();
  });
  return renderTokens(filled, attributes);
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}
