import { describe, expect, it } from 'vitest';
import { spawnCli as tributary } from './spawnCli.ts';

const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('tributary simulate', () => {
  it('prints message, question ask, capture ask, invalid, set, goal, liveChat and end handoff', () => {
    const r = tributary(['simulate', 'examples/demo.json'], 'Yes\nAnn\nnot an email\nann@acme.com\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(events(r.stdout)).toEqual([
      { type: 'message', cardId: 'hello', text: 'Hi there! Welcome to the demo.' },
      {
        type: 'ask',
        cardId: 'ask',
        prompt: 'Would you like to talk to someone from sales?',
        answers: ['Yes', 'No thanks'],
      },
      { type: 'ask', cardId: 'name', prompt: "Great! What's your first name?", attribute: 'firstName', input: 'text' },
      { type: 'set', cardId: 'name', attribute: 'firstName', value: 'Ann' },
      {
        type: 'ask',
        cardId: 'email',
        prompt: 'And your work email, so we can follow up?',
        attribute: 'email',
        input: 'text',
      },
      { type: 'invalid', cardId: 'email', message: expect.any(String) },
      {
        type: 'ask',
        cardId: 'email',
        prompt: 'And your work email, so we can follow up?',
        attribute: 'email',
        input: 'text',
      },
      { type: 'set', cardId: 'email', attribute: 'email', value: 'ann@acme.com' },
      { type: 'goal', cardId: 'lead', name: 'sales-lead', score: 2 },
      { type: 'liveChat', cardId: 'agent', routing: { mode: 'roundRobin' } },
      { type: 'end', reason: 'handoff' },
    ]);
  });

  it('skips known captures from --attributes, matches answers loosely, and ends completed', () => {
    const known = tributary(
      ['simulate', 'examples/demo.json', '--attributes', '{"firstName":"Ann","email":"ann@acme.com"}'],
      '  YES \n',
    );
    expect(events(known.stdout).map((e) => e.type)).toEqual(['message', 'ask', 'goal', 'liveChat', 'end']);
    expect(events(known.stdout)[0].text).toBe('Hi Ann! Welcome to the demo.');
    const no = tributary(['simulate', 'examples/demo.json'], 'no thanks\r\n');
    expect(events(no.stdout).slice(-2)).toEqual([
      { type: 'message', cardId: 'bye', text: 'No problem. Have a look around!' },
      { type: 'end', reason: 'completed' },
    ]);
  });

  it('ends with input-ended when stdin ends while a reply is awaited', () => {
    const r = tributary(['simulate', 'examples/demo.json'], 'Maybe\n');
    expect(r.code).toBe(0);
    expect(events(r.stdout).slice(-3)).toEqual([
      { type: 'invalid', cardId: 'ask', message: 'Please choose one of: Yes, No thanks.' },
      {
        type: 'ask',
        cardId: 'ask',
        prompt: 'Would you like to talk to someone from sales?',
        answers: ['Yes', 'No thanks'],
      },
      { type: 'end', reason: 'input-ended' },
    ]);
  });

  it('runs documents, picklists, actions and conditions, with --agents-available', () => {
    const replies = 'Book a demo\nBo\nbo@acme.com\n500\n100+\nyes please\n';
    const online = events(
      tributary(['simulate', 'examples/lead-qualification.json', '--agents-available'], replies).stdout,
    );
    expect(online.find((e) => e.attribute === 'companySize' && e.type === 'ask')).toMatchObject({
      input: 'picklist',
      options: ['1-10', '11-100', '100+'],
    });
    expect(online.filter((e) => e.type === 'set')).toEqual([
      { type: 'set', cardId: 'topic', attribute: 'interest', value: 'demo' },
      { type: 'set', cardId: 'name', attribute: 'firstName', value: 'Bo' },
      { type: 'set', cardId: 'email', attribute: 'email', value: 'bo@acme.com' },
      { type: 'set', cardId: 'size', attribute: 'companySize', value: '100+' },
      { type: 'set', cardId: 'source', attribute: 'leadSource', value: 'chat-demo' },
    ]);
    expect(online.some((e) => e.type === 'invalid' && e.cardId === 'size')).toBe(true);
    expect(online.slice(-3)).toEqual([
      { type: 'goal', cardId: 'salesLead', name: 'sales-lead', score: 3 },
      { type: 'liveChat', cardId: 'agent', routing: { mode: 'team', teamId: 'sales' } },
      { type: 'end', reason: 'handoff' },
    ]);
    const offline = events(tributary(['simulate', 'examples/lead-qualification.json'], replies).stdout);
    expect(offline.slice(-3)).toEqual([
      { type: 'message', cardId: 'thanks', text: 'Thanks Bo! We will be in touch within a day to book your demo.' },
      { type: 'goal', cardId: 'demoLead', name: 'demo-requested', score: 2 },
      { type: 'end', reason: 'completed' },
    ]);
    const pricing = events(tributary(['simulate', 'examples/lead-qualification.json'], 'pricing\n').stdout);
    expect(pricing.slice(-3)).toEqual([
      { type: 'document', cardId: 'sheet', name: 'Pricing sheet', url: 'https://example.com/pricing.pdf' },
      { type: 'goal', cardId: 'sawPricing', name: 'pricing-viewed', score: 1 },
      { type: 'end', reason: 'completed' },
    ]);
  });

  it('jumps to the "talk to a person" card on --talk-to-person, and takes typed text on a free-text question', () => {
    const jump = tributary(
      ['simulate', 'examples/talk-to-person.json', '--talk-to-person', '/person'],
      'Pricing\n/person\n',
    );
    expect(jump.code).toBe(0);
    expect(events(jump.stdout).slice(-3)).toEqual([
      { type: 'ask', cardId: 'email', prompt: 'Your work email?', attribute: 'email', input: 'text' },
      { type: 'liveChat', cardId: 'person', routing: { mode: 'roundRobin' } },
      { type: 'end', reason: 'handoff' },
    ]);
    const typed = events(tributary(['simulate', 'examples/talk-to-person.json'], 'a demo\n').stdout);
    expect(typed[1]).toMatchObject({ type: 'ask', cardId: 'ask', freeText: true });
    expect(typed.slice(2)).toEqual([
      { type: 'set', cardId: 'ask', attribute: 'interest', value: 'a demo' },
      { type: 'message', cardId: 'noted', text: 'Thanks, we noted: a demo.' },
      { type: 'end', reason: 'completed' },
    ]);
  });

  it('refuses a stream with lint errors (exit 1) and bad --attributes (exit 2), in one line', () => {
    const broken = tributary(['simulate', 'examples/broken.json'], '');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/error .* cycle$/m);
    expect(broken.stderr).toMatch(/fix the errors first/);
    const bad = tributary(['simulate', 'examples/demo.json', '--attributes', '{"firstName":'], '');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^tributary simulate: --attributes is not valid JSON: .* at column 14\n$/);
    const notObject = tributary(['simulate', 'examples/demo.json', '--attributes', '[1]'], '');
    expect(notObject.code).toBe(2);
    expect(notObject.stderr.trim().split('\n')).toHaveLength(1);
  });
});
