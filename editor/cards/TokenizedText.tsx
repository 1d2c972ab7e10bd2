import { parseTokens } from '../../shared/engine/tokens.ts';

/** Bot text with its `{{tokens}}` shown as chips, so a marketer sees at a glance what is personalised. */
export function TokenizedText({ text }: { text: string }) {
  const tokens = parseTokens(text);
  if (tokens.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let rest = text;
  tokens.forEach((tok, i) => {
    const at = rest.indexOf(tok.raw);
    if (at > 0) parts.push(rest.slice(0, at));
    parts.push(
      <span key={i} className="token-chip" title={tok.raw}>
        {tok.attribute}
        {tok.fallback !== undefined ? <span className="token-chip__fallback">·{tok.fallback}</span> : null}
      </span>,
    );
    rest = rest.slice(at + tok.raw.length);
  });
  if (rest) parts.push(rest);
  return <>{parts}</>;
}
