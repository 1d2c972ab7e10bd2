import type { Card, Edge } from '../stream/model.ts';
import type { LocalText } from './fieldMeta.ts';
import { getCard } from './index.ts';

/** Longest text a card is named by (one short line). */
const MAX = 48;

/**
 * How a person knows a card, never by its id: by what it says; a card that says nothing (a live chat, a
 * condition, an empty message) by its type and where it is: after the first card leading to it that says
 * something, else by its number among the cards of its type, top to bottom.
 */
export type CardRef = { says: string } | { type: string; after: string } | { type: string; n: number; of: number };

/**
 * What a card says (its text, prompt or name; the attribute of a card that only sets one), cut to one short line at
 * a word's end (a cut word would read as a word of another language).
 */
export function cardSays(card: Pick<Card, 'data'> | undefined): string | undefined {
  const d = card?.data && typeof card.data === 'object' ? (card.data as Record<string, unknown>) : {};
  for (const key of ['text', 'prompt', 'name', 'attribute', 'value']) {
    const v = d[key];
    if (typeof v === 'string' && v.trim()) {
      const one = v.replace(/\s+/g, ' ').trim();
      if (one.length <= MAX) return one;
      const cut = one.slice(0, MAX - 1);
      const space = cut.lastIndexOf(' ');
      return `${(space > MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
    }
  }
  return undefined;
}

/**
 * The references of a stream's cards (`undefined` for an id that is no card). Built once for a stream's cards and
 * edges, each reference worked out when first asked: O(cards + edges) in all.
 */
export function cardRefs(cards: Iterable<Card>, edges: Iterable<Edge>): (id: string) => CardRef | undefined {
  const byId = new Map<string, Card>();
  for (const c of cards) byId.set(c.id, c);
  const into = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = into.get(e.to);
    if (list) list.push(e);
    else into.set(e.to, [e]);
  }
  const says = new Map<string, string | undefined>();
  const saysOf = (id: string) => {
    if (!says.has(id)) says.set(id, cardSays(byId.get(id)));
    return says.get(id);
  };
  let ofType: Map<string, string[]> | undefined;
  const numberOf = (card: Card) => {
    if (!ofType) {
      ofType = new Map();
      const top = (c: Card) => [c.position?.y ?? 0, c.position?.x ?? 0] as const;
      const sorted = [...byId.values()].sort((a, b) => {
        const [ay, ax] = top(a);
        const [by, bx] = top(b);
        return ay - by || ax - bx || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      for (const c of sorted) {
        const list = ofType.get(c.type);
        if (list) list.push(c.id);
        else ofType.set(c.type, [c.id]);
      }
    }
    const list = ofType.get(card.type)!;
    return { n: list.indexOf(card.id) + 1, of: list.length };
  };
  return (id) => {
    const card = byId.get(id);
    if (!card) return undefined;
    const text = saysOf(id);
    if (text !== undefined) return { says: text };
    // The first card leading here that says something, by edge id (stable whoever looks).
    const before = (into.get(id) ?? [])
      .filter((e) => e.from !== id && saysOf(e.from) !== undefined)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (before) return { type: card.type, after: saysOf(before.from)! };
    return { type: card.type, ...numberOf(card) };
  };
}

const UNKNOWN_TYPE: LocalText = { en: 'Unknown', ko: '알 수 없는' };

/** A card type's name in a language (its definition's title). */
export const typeName = (type: string, lang: keyof LocalText) => (getCard(type)?.title ?? UNKNOWN_TYPE)[lang];

/** Single quotes around what a card says (the canvas's way). */
export const curly = (s: string) => `‘${s}’`;

/**
 * A card reference as words in a language, the card's own text quoted by `quote`: `‘Welcome’`, `the Live chat
 * card after ‘Talk to sales?’`, `Condition card 2` (`‘Talk to sales?’ 다음의 라이브 채팅 카드`, `조건 카드 2`).
 */
export function cardPhrase(ref: CardRef, lang: keyof LocalText, quote: (s: string) => string = curly): string {
  if ('says' in ref) return quote(ref.says);
  const type = typeName(ref.type, lang);
  if ('after' in ref)
    return lang === 'ko' ? `${quote(ref.after)} 다음의 ${type} 카드` : `the ${type} card after ${quote(ref.after)}`;
  if (ref.of === 1) return lang === 'ko' ? `${type} 카드` : `the ${type} card`;
  return lang === 'ko' ? `${type} 카드 ${ref.n}` : `${type} card ${ref.n}`;
}

/** An edge's name, by the cards it joins: `From ‘Welcome’ to ‘Ask email’` (`‘Welcome’에서 ‘Ask email’(으)로`). */
export function edgePhrase(from: CardRef | undefined, to: CardRef | undefined, lang: keyof LocalText): string {
  const a = from ? cardPhrase(from, lang) : MISSING[lang];
  const b = to ? cardPhrase(to, lang) : MISSING[lang];
  return lang === 'ko' ? `${a}에서 ${b}${toParticle(b)}` : `From ${a} to ${b}`;
}

/**
 * Korean "to" after a word: 로 after a vowel or ㄹ, 으로 after another final consonant (a number as it is read: 영,
 * 삼, 육 and tens take 으로), (으)로 when unknown (a quote).
 */
function toParticle(word: string): string {
  const last = word[word.length - 1];
  if (last >= '0' && last <= '9') return '036'.includes(last) ? '으로' : '로';
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  if (code < 0 || code > 11171) return '(으)로';
  const final = code % 28;
  return final === 0 || final === 8 ? '로' : '으로';
}

/** An edge end that names no card (a dangling edge, linted). */
const MISSING: LocalText = { en: 'a missing card', ko: '없는 카드' };
