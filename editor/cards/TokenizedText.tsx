import { parseTokens } from '../../shared/engine/tokens.ts';
import { clip } from '../ui/iconUrl.ts';

/**
 * Bot text with its `{{tokens}}` shown as chips, so a marketer sees at a glance what is personalised. At most
 * `max` characters are shown (cut in JavaScript, not with a CSS clip: see ui/iconUrl.ts).
 */
export function TokenizedText({ text, max = 140 }: { text: string; max?: number }) {
  const tokens = parseTokens(text);
  if (tokens.length === 0) return <>{clip(text, max)}</>;
  const parts: React.ReactNode[] = [];
  let rest = text;
  let budget = max;
  for (const [i, tok] of tokens.entries()) {
    const at = rest.indexOf(tok.raw);
    if (at > 0) {
      parts.push(clip(rest.slice(0, at), budget));
      budget -= at;
    }
    if (budget <= 0) return <>{parts}</>;
    parts.push(
      <span key={i} className="token-chip" title={tok.raw}>
        {tok.attribute}
        {tok.fallback !== undefined ? <span className="token-chip__fallback">·{tok.fallback}</span> : null}
      </span>,
    );
    budget -= tok.attribute.length + 2;
    rest = rest.slice(at + tok.raw.length);
  }
  if (rest && budget > 0) parts.push(clip(rest, budget));
  return <>{parts}</>;
}
