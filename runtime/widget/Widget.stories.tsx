import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef } from 'react';
import { renderPreview, type PreviewOptions } from './preview/renderPreview.tsx';

/**
 * The visitor widget in its states. The widget is Preact inside a shadow root, so each story mounts it into a
 * plain element from a small React wrapper; what shows is the real launcher, poke bubble and panel.
 */
function Widget(props: PreviewOptions) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const h = ref.current ? renderPreview(ref.current, props) : undefined;
    return () => h?.remove();
  }, [props.view, props.lang, props.poke, props.unread]);
  return <div ref={ref} style={{ minHeight: 760 }} />;
}

const meta = {
  title: 'Widget/Visitor widget',
  component: Widget,
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Widget>;
export default meta;

type Story = StoryObj<typeof meta>;

export const ClosedWithPoke: Story = { args: { poke: 'Hi there! Questions about pricing? I can help.' } };
export const ClosedWithUnread: Story = { args: { unread: 2 } };
export const Question: Story = { args: { view: 'question' } };
export const BotTyping: Story = { args: { view: 'typing' } };
export const CaptureWithRePrompt: Story = { args: { view: 'capture' } };
export const Connecting: Story = { args: { view: 'waiting' } };
export const LiveChat: Story = { args: { view: 'live' } };
export const Fallback: Story = { args: { view: 'fallback' } };
export const Reconnecting: Story = { args: { view: 'reconnecting' } };
export const Korean: Story = { args: { view: 'live', lang: 'ko' } };
