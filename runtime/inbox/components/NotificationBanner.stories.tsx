import type { Meta, StoryObj } from '@storybook/react-vite';
import { withInbox } from '../stories/decorators.tsx';
import { NotificationBanner } from './NotificationBanner.tsx';

const meta = {
  title: 'Inbox/Notification banner',
  component: NotificationBanner,
  decorators: [withInbox],
  parameters: { layout: 'fullscreen' },
  args: { permission: 'default', onEnable: () => {}, onDismiss: () => {} },
} satisfies Meta<typeof NotificationBanner>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Shown on sign-in until the agent allows browser notifications. */
export const Ask: Story = {};
export const Denied: Story = { args: { permission: 'denied' } };
export const Granted: Story = { args: { permission: 'granted' } };
export const Korean: Story = { parameters: { lang: 'ko' } };
