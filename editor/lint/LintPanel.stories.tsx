import type { Meta, StoryObj } from '@storybook/react-vite';
import { StoryFrame } from '../stories/StoryFrame.tsx';
import { LintList } from './LintPanel.tsx';

/** The lint panel: each row has data-tributary="lint" and shows code and message; a click focuses the card. */
const meta: Meta<typeof LintList> = {
  title: 'Editor/Lint panel',
  component: LintList,
  args: { onFocusCard: () => {} },
  decorators: [(Story) => <StoryFrame width={760}>{Story()}</StoryFrame>],
};
export default meta;
type Story = StoryObj<typeof LintList>;

export const Clean: Story = { args: { diagnostics: [] } };
export const WithProblems: Story = {
  args: {
    refOf: (id) =>
      ({
        agent: { type: 'liveChat', after: 'Talk to sales?' },
        hello: { says: 'Hi!' },
        ask: { says: 'Talk to sales?' },
      })[id],
    diagnostics: [
      {
        code: 'live-chat-not-last',
        severity: 'error',
        cardId: 'agent',
        message: 'a live chat must be the last card of its branch: remove its outgoing edge',
      },
      { code: 'invalid-card-data', severity: 'error', cardId: 'hello', message: 'text: write the message text' },
      {
        code: 'unconnected-port',
        severity: 'warning',
        cardId: 'ask',
        port: 'no',
        message: 'answer "No" leads nowhere: connect it or the conversation ends there',
      },
      {
        code: 'live-chat-without-email',
        severity: 'warning',
        cardId: 'agent',
        message: 'capture the email (and firstName) before the live chat',
      },
    ],
  },
};
