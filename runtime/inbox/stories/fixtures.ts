import type { DecisionRow } from '../api/client.ts';
import type { Chat, Offer } from '../live/types.ts';

/** Sample data for stories and component tests: the demo stream's visitor handed to an agent. */
export const NOW = Date.UTC(2026, 0, 15, 9, 30);

export const adaProfile = {
  id: 'v_7Hc2kq',
  attributes: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    company: 'Analytical Engines',
    jobTitle: 'Head of Research',
    plan: 'enterprise',
  },
  dialogue: 'Demo: talk to sales',
  startedAt: NOW - 4 * 60_000,
};

export const offer: Offer = {
  id: 'c_Q81x',
  visitor: adaProfile,
  deadline: NOW + 32_000,
  windowMs: 45_000,
  why: 'round robin: next eligible agent after Bea Agent',
};

export const liveChat: Chat = {
  id: 'c_Q81x',
  visitor: adaProfile,
  transcript: [
    { id: 'seq:1', seq: 1, at: NOW - 240_000, from: 'bot', text: 'Hi Ada! Welcome to the demo.' },
    {
      id: 'seq:2',
      seq: 2,
      at: NOW - 239_000,
      from: 'bot',
      text: 'Would you like to talk to someone from sales?',
      choices: ['Yes', 'No thanks'],
    },
    { id: 'seq:3', seq: 3, at: NOW - 230_000, from: 'visitor', text: 'Yes', clientId: 'r1' },
    { id: 'seq:4', seq: 4, at: NOW - 229_000, from: 'bot', text: 'Great! What is your work email?' },
    { id: 'seq:5', seq: 5, at: NOW - 220_000, from: 'visitor', text: 'ada@example.com', clientId: 'r2' },
  ],
  messages: [
    { id: 'seq:6', seq: 6, at: NOW - 200_000, from: 'system', text: '', system: { kind: 'waiting' } },
    {
      id: 'seq:7',
      seq: 7,
      at: NOW - 190_000,
      from: 'system',
      text: '',
      system: { kind: 'agentJoined', name: 'Alex Agent' },
    },
    {
      id: 'seq:8',
      seq: 8,
      at: NOW - 180_000,
      from: 'visitor',
      text: 'Hi! Do you ship to Norway? <b>not bold</b>',
      clientId: 'm1',
    },
    {
      id: 'seq:9',
      seq: 9,
      at: NOW - 150_000,
      from: 'agent',
      text: 'We do! Delivery takes 3–5 days.',
      clientId: 'a1',
      agentName: 'Alex Agent',
      delivery: 'read',
    },
    {
      id: 'local:a2',
      at: NOW - 5_000,
      from: 'agent',
      text: 'Anything else I can help with?',
      clientId: 'a2',
      delivery: 'sending',
    },
  ],
  unread: 0,
  visitorTyping: true,
  ended: false,
  acceptedAt: NOW - 190_000,
  readUpTo: 9,
};

export const otherChats: Chat[] = [
  liveChat,
  {
    ...liveChat,
    id: 'c_2',
    visitor: { id: 'v_9', attributes: { firstName: '민준', lastName: '김', email: 'minjun@example.kr' } },
    unread: 3,
    visitorTyping: false,
  },
  {
    ...liveChat,
    id: 'c_3',
    visitor: { id: 'v_abcdef12', attributes: {} },
    ended: true,
    endedBy: 'visitor',
    visitorTyping: false,
  },
];

export const decisions: DecisionRow[] = [
  {
    id: 1,
    at: NOW - 300_000,
    conversationId: 'c_Q81x',
    visitorId: 'v_7Hc2kq',
    visitorName: 'Ada Lovelace',
    event: 'offered',
    agentId: 'u_bea',
    reason: null,
    why: 'round robin: offered to u_bea, next in the rotation (position 1 of 2)',
    whys: [{ code: 'offeredNext', pool: 'round robin', agent: 'u_bea', position: 1, size: 2 }],
    detail: { pool: 'round robin' },
  },
  {
    id: 2,
    at: NOW - 255_000,
    conversationId: 'c_Q81x',
    visitorId: 'v_7Hc2kq',
    visitorName: 'Ada Lovelace',
    event: 'timeout',
    agentId: 'u_bea',
    reason: null,
    why: 'u_bea did not accept within 45 s',
    whys: [{ code: 'timeout', agent: 'u_bea', secs: 45 }],
    detail: {},
  },
  {
    id: 3,
    at: NOW - 255_000,
    conversationId: 'c_Q81x',
    visitorId: 'v_7Hc2kq',
    visitorName: 'Ada Lovelace',
    event: 'offered',
    agentId: 'u_alex',
    reason: null,
    why:
      'u_bea let the offer lapse; the prime plan tries one more agent of the team: team sales: offered to u_alex, ' +
      'next in the rotation (position 2 of 3); skipped u_cho (away)',
    whys: [
      { code: 'lapsed', agent: 'u_bea' },
      { code: 'retryTeam', plan: 'prime' },
      { code: 'offeredNext', pool: 'team sales', agent: 'u_alex', position: 2, size: 3 },
      { code: 'skipped', skipped: [{ agent: 'u_cho', reason: 'away' }] },
    ],
    detail: { skipped: [{ agent: 'u_cho', reason: 'away' }] },
  },
  {
    id: 4,
    at: NOW - 190_000,
    conversationId: 'c_Q81x',
    visitorId: 'v_7Hc2kq',
    visitorName: 'Ada Lovelace',
    event: 'connected',
    agentId: 'u_alex',
    reason: null,
    // Logged before clauses were recorded: only the English sentence.
    why: 'Alex Agent accepted after 65 s and now holds 1/10 chats',
    detail: {},
  },
  {
    id: 5,
    at: NOW - 60_000,
    conversationId: 'c_9',
    visitorId: 'v_p0q',
    visitorName: null,
    agentId: null,
    event: 'fallback',
    reason: 'no-rule-matched',
    why: 'custom rules: none of the 2 rules matched (big, vip)',
    whys: [{ code: 'noRuleMatched', rules: ['big', 'vip'] }],
    detail: {},
  },
];

export const agentNames = { u_bea: 'Bea Agent', u_alex: 'Alex Agent', u_cho: 'Cho Agent' };
