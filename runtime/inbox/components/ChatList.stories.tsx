import type { Meta, StoryObj } from '@storybook/react-vite';
import { otherChats } from '../stories/fixtures.ts';
import { withInbox } from '../stories/decorators.tsx';
import { ChatList } from './ChatList.tsx';

const meta = {
  title: 'Inbox/Chat list',
  component: ChatList,
  decorators: [withInbox],
  args: { chats: otherChats, activeId: otherChats[0].id, max: 10, status: 'online', onSelect: () => {} },
  render: (args) => (
    <div style={{ width: 300, height: 480, display: 'flex' }}>
      <ChatList {...args} />
    </div>
  ),
} satisfies Meta<typeof ChatList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Open chats with unread counts, one ended. */
export const WithChats: Story = {};
export const EmptyOffline: Story = { args: { chats: [], status: 'offline' } };
export const AtCapacity: Story = { args: { max: 2 } };
