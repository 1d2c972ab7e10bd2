import { pathToFileURL } from 'node:url';
import type { CardType } from '../shared/cards/index.ts';
import { exportStream } from '../shared/stream/exportStream.ts';
import { edgeId, NEXT_PORT, type Card, type Edge, type Stream } from '../shared/stream/model.ts';

export interface GenerateOptions {
  /** Number of cards (at least 1). */
  cards: number;
  /** Same seed, same stream. */
  seed?: number;
}

/**
 * A realistic, lint-error-free stream of `cards` cards for benchmarks (lint, compile, canvas): a tree that grows
 * from a poke message by attaching each new card to a random open port, using every card type (questions with 2–3
 * answers, conditions with 1–2 branches plus `else`, captures, actions, goals, documents, messages with tokens,
 * live-chat hand-offs at the leaves), laid out in rows by depth. Deterministic from `seed`. It may carry warnings
 * (an answer left unconnected when the card budget runs out), never errors.
 */
export function generateStream({ cards: count, seed = 1 }: GenerateOptions): Stream {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const cards: Card[] = [];
  const edges: Edge[] = [];
  const open: { from: string; port: string; depth: number }[] = [];
  const perRow: number[] = [];
  const place = (depth: number) => {
    const column = (perRow[depth] = (perRow[depth] ?? 0) + 1) - 1;
    return { x: column * 280, y: depth * 160 };
  };

  const add = (type: CardType, data: unknown, ports: string[], depth: number) => {
    const id = `c${cards.length}`;
    cards.push({ id, type, data, position: place(depth) });
    for (const port of ports) open.push({ from: id, port, depth: depth + 1 });
    return id;
  };

  add('message', { text: 'Hi {{firstName:"there"}}! Welcome to Acme.', poke: true }, [NEXT_PORT], 0);
  while (cards.length < Math.max(1, count) && open.length > 0) {
    const slot = open.splice(Math.floor(rnd() * open.length), 1)[0];
    const n = cards.length;
    // Keep the tree growing: a hand-off closes a branch, so only allow one when other ports are open.
    const type: CardType = open.length > 2 ? pick(WEIGHTED) : pick(GROWING);
    let id: string;
    switch (type) {
      case 'message':
        id = add(type, { text: pick(MESSAGES) }, [NEXT_PORT], slot.depth);
        break;
      case 'question': {
        const answers = pick(ANSWER_SETS).map((label, i) => ({ id: `a${i}`, label }));
        const data = { prompt: `Question ${n}: what fits best, {{firstName:"friend"}}?`, answers, attribute: `q${n}` };
        id = add(
          type,
          data,
          answers.map((a) => a.id),
          slot.depth,
        );
        break;
      }
      case 'capture': {
        const attribute = pick(['email', 'phone', 'company', 'jobTitle', 'lastName'] as const);
        id = add(
          type,
          { attribute, prompt: `Your ${attribute}?`, input: 'text', ifKnown: pick(['skip', 'overwrite']) },
          [NEXT_PORT],
          slot.depth,
        );
        break;
      }
      case 'condition': {
        const branches = [{ id: 'big', when: { attribute: 'company', op: 'isNotEmpty' } }];
        if (rnd() < 0.5) branches.push({ id: 'online', when: { agentsAvailable: true } as never });
        id = add(type, { branches }, [...branches.map((b) => b.id), 'else'], slot.depth);
        break;
      }
      case 'action':
        id = add(type, { attribute: 'leadSource', value: `chat-{{company:"unknown"}}-${n}` }, [NEXT_PORT], slot.depth);
        break;
      case 'goal':
        id = add(type, { name: `goal-${n % 7}`, score: n % 4 }, [NEXT_PORT], slot.depth);
        break;
      case 'document':
        id = add(type, { name: `Datasheet ${n}`, url: `https://example.com/docs/${n}.pdf` }, [NEXT_PORT], slot.depth);
        break;
      case 'liveChat':
        id = add(type, { routing: pick(ROUTINGS) }, [], slot.depth);
        break;
    }
    edges.push({ id: edgeId(slot.from, slot.port, id), from: slot.from, port: slot.port, to: id });
  }
  return { name: `Generated ${count} cards (seed ${seed})`, start: 'c0', cards, edges };
}

const WEIGHTED: CardType[] = [
  ...Array<CardType>(6).fill('message'),
  ...Array<CardType>(3).fill('question'),
  ...Array<CardType>(3).fill('capture'),
  'condition',
  'condition',
  'action',
  'action',
  'goal',
  'document',
  'liveChat',
];
const GROWING: CardType[] = ['message', 'question', 'condition', 'capture'];
const MESSAGES = [
  'Thanks {{firstName}}! Here is what we can do for {{company:"your team"}}.',
  'Good to know.',
  'Our plans start at $49 a month.',
  'Let me find the right person for you.',
];
const ANSWER_SETS = [
  ['Yes', 'No'],
  ['Pricing', 'Product', 'Support'],
  ['1-10', '11-100', '100+'],
];
const ROUTINGS = [{ mode: 'roundRobin' }, { mode: 'rules' }, { mode: 'team', teamId: 'sales' }];

/** A small, well-known seeded PRNG: deterministic across platforms. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// `node --import tsx bench/generate.ts 1000 [seed] > stream.json` writes a generated interchange document.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 100);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(`${JSON.stringify(exportStream(generateStream({ cards: n, seed })), null, 2)}\n`);
}
