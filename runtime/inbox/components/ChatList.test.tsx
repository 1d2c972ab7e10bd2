// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import type { Chat, ChatMessage } from '../live/types.ts';
import { ChatList } from './ChatList.tsx';

afterEach(cleanup);

const chat = (last: ChatMessage): Chat => ({
  id: 'c1',
  visitor: { id: 'v1', attributes: { firstName: 'Ada' } } as Chat['visitor'],
  transcript: [],
  messages: [last],
  unread: 0,
  visitorTyping: false,
  ended: false,
  acceptedAt: 1,
  readUpTo: 0,
});

const previewOf = (last: ChatMessage) => {
  const { container } = render(
    <I18nProvider>
      <ChatList chats={[chat(last)]} max={10} status="online" meId="u_me" onSelect={() => {}} />
    </I18nProvider>,
  );
  return container.textContent ?? '';
};

describe('ChatList', () => {
  it('labels only this agent\'s own messages "You:"; a colleague\'s (before a transfer) carry their name', () => {
    const base = { id: 'seq:1', seq: 1, from: 'agent' as const, at: 1 };
    expect(previewOf({ ...base, text: 'Mine', agentId: 'u_me', agentName: 'Alex' })).toContain('You: Mine');
    expect(previewOf({ ...base, id: 'local:x', text: 'Sending' })).toContain('You: Sending');
    const theirs = previewOf({ ...base, text: 'Hello Ada', agentId: 'u_bea', agentName: 'Bea Agent' });
    expect(theirs).toContain('Bea Agent: Hello Ada');
    expect(theirs).not.toContain('You:');
  });
});
