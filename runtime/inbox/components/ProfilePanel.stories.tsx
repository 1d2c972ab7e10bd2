import type { Meta, StoryObj } from '@storybook/react-vite';
import { adaProfile } from '../stories/fixtures.ts';
import { withInbox } from '../stories/decorators.tsx';
import { ProfilePanel } from './ProfilePanel.tsx';

const meta = {
  title: 'Inbox/Visitor profile',
  component: ProfilePanel,
  decorators: [withInbox],
  args: { visitor: adaProfile, labels: { plan: 'Plan of interest' } },
} satisfies Meta<typeof ProfilePanel>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Standard attributes first, then the workspace's custom ones with their labels. */
export const Captured: Story = {};
export const NothingCaptured: Story = { args: { visitor: { id: 'v_abcdef12', attributes: {} } } };
export const Korean: Story = { parameters: { lang: 'ko' } };
