import type { Meta, StoryObj } from '@storybook/react-vite';
import { NOW, offer } from '../stories/fixtures.ts';
import { withInbox } from '../stories/decorators.tsx';
import { OfferBanner } from './OfferBanner.tsx';

const meta = {
  title: 'Inbox/Offer banner',
  component: OfferBanner,
  decorators: [withInbox],
  parameters: { layout: 'fullscreen' },
  args: { offer, now: NOW, onAccept: () => {}, onDecline: () => {} },
} satisfies Meta<typeof OfferBanner>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A routed chat: the blue banner with 32 seconds left of 45. */
export const Offered: Story = {};
/** The last ten seconds turn the countdown amber. */
export const AlmostLapsed: Story = { args: { now: offer.deadline - 4_000 } };
/** A visitor who gave no name yet is shown by a short id. */
export const AnonymousVisitor: Story = { args: { offer: { ...offer, visitor: { id: 'v_abcdef12', attributes: {} } } } };
export const Korean: Story = { parameters: { lang: 'ko' } };
