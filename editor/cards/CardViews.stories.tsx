import type { Meta, StoryObj } from '@storybook/react-vite';
import { CardPreview } from '../stories/CardPreview.tsx';
import { StoryFrame } from '../stories/StoryFrame.tsx';

/** Every card view (SPEC §2) in three states: normal, selected, and with lint findings on the card and its ports. */
const meta: Meta<typeof CardPreview> = {
  title: 'Editor/Card views',
  component: CardPreview,
  decorators: [(Story) => <StoryFrame>{Story()}</StoryFrame>],
};
export default meta;
type Story = StoryObj<typeof CardPreview>;

const message = { text: 'Hi {{firstName:"there"}}! Welcome to Acme.', poke: true };
const question = {
  prompt: 'Would you like to talk to sales?',
  answers: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No thanks' },
  ],
  attribute: 'wantsSales',
};
const capture = { attribute: 'email', prompt: 'Your work email?', input: 'text', ifKnown: 'skip' };
const liveChat = { routing: { mode: 'team', teamId: 'sales' } };
const goal = { name: 'sales-lead', score: 2 };
const condition = {
  branches: [
    { id: 'b1', when: { attribute: 'company', op: 'is', value: 'Acme' } },
    { id: 'b2', when: { agentsAvailable: true } },
  ],
};
const action = { attribute: 'leadSource', value: 'chat-{{company}}' };
const documentData = { name: 'Pricing sheet', url: 'https://example.com/pricing.pdf' };

export const Message: Story = { args: { type: 'message', data: message, isStart: true } };
export const MessageSelected: Story = { args: { type: 'message', data: message, selected: true } };
export const MessageWithErrors: Story = {
  args: {
    type: 'message',
    data: { text: '', poke: true },
    diagnostics: [
      { code: 'invalid-card-data', severity: 'error', message: 'text: write the message text' },
      { code: 'poke-not-first', severity: 'error', message: 'poke is only allowed on the start card' },
    ],
  },
};

export const Question: Story = { args: { type: 'question', data: question } };
export const QuestionSelected: Story = {
  args: {
    type: 'question',
    data: question,
    selected: true,
    peers: [{ clientId: 2, name: 'Ada', color: '#7c3aed', selection: ['card'] }],
  },
};
export const QuestionWithErrors: Story = {
  args: {
    type: 'question',
    data: question,
    diagnostics: [
      {
        code: 'unconnected-port',
        severity: 'warning',
        port: 'no',
        message: 'answer "No thanks" leads nowhere: connect it or the conversation ends there',
      },
      {
        code: 'duplicate-edge',
        severity: 'error',
        port: 'yes',
        message: 'answer "Yes" has two outgoing edges: keep one',
      },
    ],
  },
};

export const Capture: Story = { args: { type: 'capture', data: capture } };
export const CaptureSelected: Story = { args: { type: 'capture', data: capture, selected: true } };
export const CaptureWithErrors: Story = {
  args: {
    type: 'capture',
    data: { prompt: 'Your email?' },
    diagnostics: [{ code: 'invalid-card-data', severity: 'error', message: 'attribute: name the attribute' }],
  },
};

export const LiveChat: Story = { args: { type: 'liveChat', data: liveChat } };
export const LiveChatSelected: Story = {
  args: { type: 'liveChat', data: { routing: { mode: 'roundRobin' } }, selected: true },
};
export const LiveChatWithErrors: Story = {
  args: {
    type: 'liveChat',
    data: liveChat,
    diagnostics: [
      {
        code: 'live-chat-not-last',
        severity: 'error',
        message: 'a live chat must be the last card of its branch: remove its outgoing edge',
      },
    ],
  },
};

export const Goal: Story = { args: { type: 'goal', data: goal } };
export const GoalSelected: Story = { args: { type: 'goal', data: goal, selected: true } };
export const GoalWithErrors: Story = {
  args: {
    type: 'goal',
    data: { name: 'x', score: 7 },
    diagnostics: [{ code: 'invalid-card-data', severity: 'error', message: 'score: the score is 0 to 3' }],
  },
};

export const Condition: Story = { args: { type: 'condition', data: condition } };
export const ConditionSelected: Story = { args: { type: 'condition', data: condition, selected: true } };
export const ConditionWithErrors: Story = {
  args: {
    type: 'condition',
    data: condition,
    diagnostics: [
      { code: 'unconnected-port', severity: 'warning', port: 'else', message: 'the else branch leads nowhere' },
    ],
  },
};

export const Action: Story = { args: { type: 'action', data: action } };
export const ActionSelected: Story = { args: { type: 'action', data: action, selected: true } };
export const ActionWithErrors: Story = {
  args: {
    type: 'action',
    data: action,
    diagnostics: [
      { code: 'unknown-token', severity: 'warning', message: 'token {{company}} names no defined attribute' },
    ],
  },
};

export const Document: Story = { args: { type: 'document', data: documentData } };
export const DocumentSelected: Story = { args: { type: 'document', data: documentData, selected: true } };
export const DocumentWithErrors: Story = {
  args: {
    type: 'document',
    data: { name: 'Sheet', url: 'http://example.com' },
    diagnostics: [
      { code: 'invalid-card-data', severity: 'error', message: 'url: the document URL must be an https:// address' },
    ],
  },
};

/** A type the catalog does not know, and data that is not even an object: placeholders, never a crash. */
export const UnknownType: Story = {
  args: {
    type: 'meeting',
    data: { calendar: 'x' },
    diagnostics: [{ code: 'unknown-card-type', severity: 'error', message: 'unknown card type "meeting"' }],
  },
};
export const BrokenData: Story = { args: { type: 'question', data: 'not an object' } };
