import type { Card, Edge, Stream } from '../stream/model.ts';

/**
 * Small streams for lint tests. `demo()` is the demo stream of SPEC §8.4 (lint-clean); the helpers change it a
 * little so that each test shows exactly one finding.
 */
export function demo(): Stream {
  return {
    name: 'Demo',
    start: 'hello',
    cards: [
      card('hello', 'message', { text: 'Hi {{firstName:"there"}}! Welcome to the demo.' }),
      card('ask', 'question', {
        prompt: 'Would you like to talk to someone from sales?',
        answers: [
          { id: 'yes', label: 'Yes' },
          { id: 'no', label: 'No thanks' },
        ],
      }),
      card('name', 'capture', { attribute: 'firstName', prompt: 'Your first name?', input: 'text', ifKnown: 'skip' }),
      card('email', 'capture', { attribute: 'email', prompt: 'Your work email?', input: 'text', ifKnown: 'skip' }),
      card('lead', 'goal', { name: 'sales-lead', score: 2 }),
      card('agent', 'liveChat', { routing: { mode: 'roundRobin' } }),
      card('bye', 'message', { text: 'No problem. Have a look around!' }),
    ],
    edges: [
      edge('hello', 'ask'),
      edge('ask', 'name', 'yes'),
      edge('name', 'email'),
      edge('email', 'lead'),
      edge('lead', 'agent'),
      edge('ask', 'bye', 'no'),
    ],
  };
}

export function card(id: string, type: string, data: unknown): Card {
  return { id, type, data };
}

export function edge(from: string, to: string, port = 'next', id = `${from}:${port}->${to}`): Edge {
  return { id, from, port, to };
}

/** A copy of `s` with `fn` applied to fresh arrays (the original is left as it was). */
export function variant(s: Stream, fn: (s: Stream) => void): Stream {
  const copy: Stream = { ...s, cards: s.cards.map((c) => ({ ...c })), edges: s.edges.map((e) => ({ ...e })) };
  fn(copy);
  return copy;
}

export function setData(s: Stream, id: string, data: unknown): void {
  const c = s.cards.find((x) => x.id === id);
  if (!c) throw new Error(`no card ${id}`);
  c.data = data;
}
