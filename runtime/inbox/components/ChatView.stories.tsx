import type { Meta, StoryObj } from '@storybook/react-vite';
import { liveChat } from '../stories/fixtures.ts';
import { withInbox } from '../stories/decorators.tsx';
import { ChatView } from './ChatView.tsx';

const meta = {
  title: 'Inbox/Chat view',
  component: ChatView,
  decorators: [withInbox],
  args: {
    chat: liveChat,
    me: { name: 'Alex Agent', avatarUrl: null },
    onSend: () => {},
    onTyping: () => {},
    onEnd: () => {},
    onClose: () => {},
  },
  render: (args) => (
    <div style={{ height: 640, display: 'flex' }}>
      <ChatView {...args} />
    </div>
  ),
} satisfies Meta<typeof ChatView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The bot transcript, then the live chat: delivery states, the visitor typing. */
export const Live: Story = {};
export const EndedByVisitor: Story = {
  args: { chat: { ...liveChat, ended: true, endedBy: 'visitor', visitorTyping: false } },
};
export const Korean: Story = { parameters: { lang: 'ko' } };
