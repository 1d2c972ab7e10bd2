import { describe, expect, it } from 'vitest';
import type { StepContext } from './defineCard.ts';
import { CARD_TYPES, cards, getCard, isCardType, parseCardData } from './index.ts';

const ctx = (attributes: Record<string, string> = {}, available = false): StepContext => ({
  cardId: 'c1',
  attributes,
  agentsAvailable: () => available,
});

describe('card catalog', () => {
  it('lists the eight card types once, each with valid defaults', () => {
    expect(CARD_TYPES).toEqual([
      'message',
      'question',
      'capture',
      'liveChat',
      'goal',
      'condition',
      'action',
      'document',
    ]);
    for (const type of CARD_TYPES) {
      const def = cards[type];
      expect(def.type).toBe(type);
      expect(def.schema.safeParse(def.defaults()).success).toBe(true);
    }
    expect(isCardType('message')).toBe(true);
    expect(isCardType('toString')).toBe(false);
    expect(getCard('meeting')).toBeUndefined();
  });

  it('derives ports from data', () => {
    const q = parseCardData('question', {
      prompt: 'P',
      answers: [
        { id: 'y', label: 'Yes' },
        { id: 'n', label: 'No' },
      ],
    });
    expect(q.ok && cards.question.ports(q.data as never)).toEqual(['y', 'n']);
    const c = parseCardData('condition', { branches: [{ id: 'b', when: { agentsAvailable: true } }] });
    expect(c.ok && cards.condition.ports(c.data as never)).toEqual(['b', 'else']);
    expect(cards.liveChat.ports(cards.liveChat.defaults())).toEqual([]);
    expect(cards.goal.ports(cards.goal.defaults())).toEqual(['next']);
  });

  it('applies defaults and rejects bad data', () => {
    expect(parseCardData('message', { text: 'Hi' })).toEqual({ ok: true, data: { text: 'Hi', poke: false } });
    expect(parseCardData('capture', { attribute: 'email', prompt: 'E?' })).toEqual({
      ok: true,
      data: { attribute: 'email', prompt: 'E?', input: 'text', ifKnown: 'skip' },
    });
    expect(parseCardData('liveChat', {})).toEqual({ ok: true, data: { routing: { mode: 'roundRobin' } } });
    const bad: [string, unknown][] = [
      ['message', { text: '  ' }],
      ['message', { text: 'x', extra: 1 }],
      ['question', { prompt: 'P', answers: [] }],
      [
        'question',
        {
          prompt: 'P',
          answers: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
        },
      ],
      ['capture', { prompt: 'x' }],
      ['capture', { attribute: 'color', prompt: 'x', input: 'picklist' }],
      ['liveChat', { routing: { mode: 'agent' } }],
      ['goal', { name: 'g', score: 4 }],
      ['condition', { branches: [{ id: 'else', when: { agentsAvailable: true } }] }],
      ['action', { attribute: 'bad name', value: '' }],
      ['document', { name: 'd', url: 'http://example.com' }],
      ['document', { name: 'd', url: 'not a url' }],
    ];
    for (const [type, data] of bad) expect(parseCardData(type, data).ok, `${type} ${JSON.stringify(data)}`).toBe(false);
    expect(parseCardData('meeting', {}).ok).toBe(false);
  });

  it('lists token texts and set attributes', () => {
    expect(cards.message.texts({ text: 'Hi {{firstName}}', poke: false })).toEqual(['Hi {{firstName}}']);
    expect(cards.action.sets({ attribute: 'tier', value: 'gold' })).toEqual(['tier']);
    expect(cards.question.sets({ prompt: 'p', answers: [{ id: 'a', label: 'A' }], attribute: 'size' })).toEqual([
      'size',
    ]);
    expect(cards.capture.sets(cards.capture.defaults())).toEqual(['email']);
  });
});

describe('card steps', () => {
  it('message renders tokens', () => {
    const out = cards.message.enter({ text: 'Hi {{firstName:"there"}} {{x}}!', poke: false }, ctx());
    expect(out).toEqual({
      kind: 'next',
      port: 'next',
      events: [{ type: 'message', cardId: 'c1', text: 'Hi there !' }],
    });
  });

  it('question asks, matches a label trimmed and case-insensitively, and stores value or label', () => {
    const d = {
      prompt: 'Size?',
      answers: [
        { id: 's', label: 'Small', value: '1-10' },
        { id: 'l', label: 'Large' },
      ],
      attribute: 'size',
    };
    expect(cards.question.enter(d, ctx())).toEqual({
      kind: 'wait',
      events: [{ type: 'ask', cardId: 'c1', prompt: 'Size?', answers: ['Small', 'Large'] }],
    });
    expect(cards.question.reply!(d, '  small ', ctx())).toMatchObject({
      kind: 'next',
      port: 's',
      set: { size: '1-10' },
    });
    expect(cards.question.reply!(d, 'LARGE', ctx())).toMatchObject({ kind: 'next', port: 'l', set: { size: 'Large' } });
    const retry = cards.question.reply!(d, 'medium', ctx());
    expect(retry.kind).toBe('retry');
    expect(retry.events.map((e) => e.type)).toEqual(['invalid', 'ask']);
  });

  it('capture skips a known field, validates and stores trimmed', () => {
    const d = cards.capture.defaults();
    expect(cards.capture.enter(d, ctx({ email: 'a@b.co' }))).toEqual({ kind: 'next', port: 'next', events: [] });
    expect(cards.capture.enter({ ...d, ifKnown: 'overwrite' }, ctx({ email: 'a@b.co' })).kind).toBe('wait');
    expect(cards.capture.enter(d, ctx({ email: '  ' })).kind).toBe('wait');
    expect(cards.capture.reply!(d, 'nope', ctx()).kind).toBe('retry');
    expect(cards.capture.reply!(d, ' a@b.co ', ctx())).toMatchObject({ kind: 'next', set: { email: 'a@b.co' } });
  });

  it('condition takes the first branch that holds, else `else`', () => {
    const d = {
      branches: [
        { id: 'acme', when: { attribute: 'company', op: 'is' as const, value: 'acme' } },
        { id: 'online', when: { agentsAvailable: true as const } },
      ],
    };
    expect(cards.condition.enter(d, ctx({ company: ' ACME ' }, true))).toMatchObject({ port: 'acme' });
    expect(cards.condition.enter(d, ctx({}, true))).toMatchObject({ port: 'online' });
    expect(cards.condition.enter(d, ctx({}, false))).toMatchObject({ port: 'else' });
  });

  it('action, goal, document and liveChat emit their events', () => {
    expect(cards.action.enter({ attribute: 'src', value: 'chat-{{company:"none"}}' }, ctx())).toMatchObject({
      set: { src: 'chat-none' },
      events: [{ type: 'set', attribute: 'src', value: 'chat-none' }],
    });
    expect(cards.goal.enter({ name: 'lead', score: 2 }, ctx()).events).toEqual([
      { type: 'goal', cardId: 'c1', name: 'lead', score: 2 },
    ]);
    expect(cards.goal.enter({ name: 'lead' }, ctx()).events).toEqual([{ type: 'goal', cardId: 'c1', name: 'lead' }]);
    expect(cards.document.enter({ name: 'D', url: 'https://x.io/d.pdf' }, ctx()).events[0]).toMatchObject({
      type: 'document',
      url: 'https://x.io/d.pdf',
    });
    expect(cards.liveChat.enter({ routing: { mode: 'team', teamId: 'sales' } }, ctx())).toEqual({
      kind: 'handoff',
      events: [{ type: 'liveChat', cardId: 'c1', routing: { mode: 'team', teamId: 'sales' } }],
    });
  });
});
