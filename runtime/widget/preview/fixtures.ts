import type { AgentCard, TranscriptItem } from '../../../shared/protocol/common.ts';
import { EMPTY, type Conversation } from '../ui/conversation.ts';
import { INITIAL_VIEW, type View } from '../ui/viewStore.ts';

/** Widget states for stories and screenshots: the demo stream (examples/demo.json) at several points. */
export const ALEX: AgentCard = { id: 'u_alex', name: 'Alex Kim', avatarUrl: null };

const at = (seq: number) => 1767225600000 + seq * 1000;
const hello: TranscriptItem = {
  type: 'bot',
  seq: 1,
  at: at(1),
  cardId: 'hello',
  text: 'Hi there! Welcome to the demo.',
};
const ask: TranscriptItem = {
  type: 'ask',
  seq: 2,
  at: at(2),
  cardId: 'ask',
  prompt: 'Would you like to talk to someone from sales?',
  kind: 'question',
  answers: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No thanks' },
  ],
};
const yes: TranscriptItem = { type: 'visitor', seq: 3, at: at(3), text: 'Yes', clientId: 'r1', cardId: 'ask' };
const name: TranscriptItem = {
  type: 'ask',
  seq: 4,
  at: at(4),
  cardId: 'name',
  prompt: "Great! What's your first name?",
  kind: 'capture',
  attribute: 'firstName',
  input: 'text',
};
const ada: TranscriptItem = { type: 'visitor', seq: 5, at: at(5), text: 'Ada', clientId: 'r2', cardId: 'name' };
const email: TranscriptItem = {
  type: 'ask',
  seq: 6,
  at: at(6),
  cardId: 'email',
  prompt: 'And your work email, so we can follow up?',
  kind: 'capture',
  attribute: 'email',
  input: 'text',
};
const adaEmail: TranscriptItem = {
  type: 'visitor',
  seq: 7,
  at: at(7),
  text: 'ada@northwind.example',
  clientId: 'r3',
  cardId: 'email',
};
const waiting: TranscriptItem = { type: 'waiting', seq: 8, at: at(8) };

const conv = (items: TranscriptItem[], patch: Partial<Conversation> = {}): Conversation => ({
  ...EMPTY,
  id: 'c1',
  dialogueId: 'd_demo',
  status: 'bot',
  items,
  ...patch,
});
const view = (c: Conversation, patch: Partial<View> = {}): View => ({
  ...INITIAL_VIEW,
  open: true,
  socket: 'open',
  conv: c,
  ...patch,
});

export const VIEWS = {
  /** The first question, answer buttons showing. */
  question: view(conv([hello, ask])),
  /** Mid-conversation: name given, the email capture waiting, a refused reply with the re-prompt. */
  capture: view(conv([hello, ask, yes, name, ada, email]), {
    note: { cardId: 'email', text: 'That does not look like an email address. Please use the form name@example.com.' },
  }),
  /** Connecting to an agent. */
  waiting: view(conv([hello, ask, yes, name, ada, email, adaEmail, waiting], { status: 'waiting' })),
  /** Live with an agent: name and picture, delivery state, the agent typing. */
  live: view(
    conv(
      [
        hello,
        ask,
        yes,
        name,
        ada,
        email,
        adaEmail,
        waiting,
        { type: 'agentJoined', seq: 9, at: at(9), agent: ALEX },
        {
          type: 'agent',
          seq: 10,
          at: at(10),
          text: 'Hi Ada! I saw you were looking at the Team plan. How many builders would you have?',
          clientId: 'a1',
          agent: ALEX,
        },
        { type: 'visitor', seq: 11, at: at(11), text: 'About 12 — is there a discount at that size?', clientId: 'm1' },
      ],
      { status: 'live', agent: ALEX, read: 11 },
    ),
    { agentTyping: ALEX },
  ),
  /** Nobody accepted: the fallback message, the conversation over. */
  fallback: view(
    conv(
      [
        hello,
        ask,
        yes,
        name,
        ada,
        email,
        adaEmail,
        waiting,
        {
          type: 'fallback',
          seq: 9,
          at: at(9),
          text: 'Our team is not available right now. We will email you shortly.',
          reason: 'no-eligible-agent',
        },
        { type: 'ended', seq: 10, at: at(10), reason: 'fallback' },
      ],
      { status: 'ended' },
    ),
  ),
  /** The connection dropped; the widget is reconnecting. */
  reconnecting: view(conv([hello, ask]), { socket: 'retrying', botTyping: false }),
  /** The bot typing its next message. */
  typing: view(conv([hello]), { botTyping: true }),
} satisfies Record<string, View>;

export type ViewName = keyof typeof VIEWS;
