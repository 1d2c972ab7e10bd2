import type { Meta, StoryObj } from '@storybook/react-vite';
import { agentNames, decisions } from '../stories/fixtures.ts';
import { withInbox } from '../stories/decorators.tsx';
import { DecisionList } from './DecisionList.tsx';

const meta = {
  title: 'Inbox/Routing log',
  component: DecisionList,
  decorators: [withInbox],
  args: { decisions, names: agentNames },
} satisfies Meta<typeof DecisionList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every decision with its why: an offer that lapsed, the prime-plan retry, the connection, a fallback. */
export const Log: Story = {};
/** Inside one conversation the visitor column is dropped. */
export const OneConversation: Story = { args: { compact: true, decisions: decisions.slice(0, 4) } };
export const Korean: Story = { parameters: { lang: 'ko' } };
