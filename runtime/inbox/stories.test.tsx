// @vitest-environment happy-dom
import { composeStories } from '@storybook/react-vite';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as chatList from './components/ChatList.stories.tsx';
import * as chatView from './components/ChatView.stories.tsx';
import * as notify from './components/NotificationBanner.stories.tsx';
import * as offer from './components/OfferBanner.stories.tsx';
import * as profile from './components/ProfilePanel.stories.tsx';
import * as log from './admin/DecisionList.stories.tsx';
import * as rules from './admin/RuleList.stories.tsx';

afterEach(cleanup);
const hook = (c: HTMLElement, name: string) =>
  Array.from(c.querySelectorAll<HTMLElement>(`[data-tributary="${name}"]`));

describe('inbox stories', () => {
  it('renders every story of every inbox component', () => {
    const modules = [chatList, chatView, notify, offer, profile, log, rules] as unknown as Parameters<
      typeof composeStories
    >[0][];
    for (const mod of modules) {
      for (const [name, story] of Object.entries(composeStories(mod))) {
        const Story = story as unknown as () => React.ReactElement;
        const { container, unmount } = render(<Story />);
        expect(container.innerHTML.length, name).toBeGreaterThan(0);
        unmount();
      }
    }
  });

  it('shows the accept banner with both buttons and the countdown to the deadline', () => {
    const { Offered, Korean } = composeStories(offer);
    const { container } = render(<Offered />);
    expect(hook(container, 'accept')).toHaveLength(1);
    expect(hook(container, 'decline')).toHaveLength(1);
    expect(hook(container, 'countdown')[0].textContent).toBe('32s to accept');
    expect(container.textContent).toContain('Ada Lovelace wants to chat');
    cleanup();
    const ko = render(<Korean />);
    expect(hook(ko.container, 'countdown')[0].textContent).toBe('수락까지 32초');
  });

  it('renders visitor text as text, never as HTML, and shows delivery states and typing', () => {
    const { Live } = composeStories(chatView);
    const { container } = render(<Live />);
    const bubbles = hook(container, 'message');
    expect(bubbles.some((b) => b.textContent === 'Hi! Do you ship to Norway? <b>not bold</b>')).toBe(true);
    expect(container.querySelector('.bubble b')).toBeNull();
    expect(hook(container, 'delivery').map((d) => d.dataset.state)).toEqual(['read', 'sending']);
    expect(hook(container, 'typing')[0].textContent).toContain('Ada Lovelace is typing');
    expect(
      within(hook(container, 'transcript')[0]).getByText('Would you like to talk to someone from sales?'),
    ).toBeTruthy();
  });

  it('sends on Enter but not on Shift+Enter, and not while an IME is composing', () => {
    const sent: string[] = [];
    const { Live } = composeStories(chatView);
    const onSend = ((t: string) => void sent.push(t)) as () => void;
    const { container } = render(<Live onSend={onSend} />);
    const box = hook(container, 'composer')[0] as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: '안녕하세요' } });
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(sent).toEqual([]);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(sent).toEqual(['안녕하세요']);
    expect(box.value).toBe('');
  });

  it('lists chats with unread counts and the capacity', () => {
    const { WithChats, AtCapacity } = composeStories(chatList);
    const { container } = render(<WithChats />);
    expect(hook(container, 'chat')).toHaveLength(3);
    expect(hook(container, 'unread').map((u) => u.textContent)).toEqual(['3']);
    expect(container.textContent).toContain('2 of 10');
    cleanup();
    expect(render(<AtCapacity />).container.querySelector('.chip-warn')).not.toBeNull();
  });

  it('shows captured attributes with labels, custom ones after the standard ones', () => {
    const { Captured } = composeStories(profile);
    const { container } = render(<Captured />);
    const labels = Array.from(container.querySelectorAll('dt')).map((d) => d.textContent);
    expect(labels.slice(0, 6)).toEqual([
      'First name',
      'Last name',
      'Email',
      'Company',
      'Job title',
      'Plan of interest',
    ]);
  });

  it('shows each routing decision with its why and the skipped agents', () => {
    const { Log } = composeStories(log);
    const { container } = render(<Log />);
    const rows = hook(container, 'decision');
    expect(rows.map((r) => r.dataset.event)).toEqual(['offered', 'timeout', 'offered', 'connected', 'fallback']);
    expect(rows[2].textContent).toContain('Skipped: Cho Agent (away)');
  });

  it('reorders rules with the arrows and edits a condition', () => {
    const { Rules } = composeStories(rules);
    const { container } = render(<Rules />);
    const ids = () => hook(container, 'rule').map((r) => r.dataset.rule);
    expect(ids()).toEqual(['big-accounts', 'sales-if-open', 'support']);
    fireEvent.click(hook(hook(container, 'rule')[2], 'rule-up')[0]);
    expect(ids()).toEqual(['big-accounts', 'support', 'sales-if-open']);
    fireEvent.click(hook(hook(container, 'rule')[0], 'rule-down')[0]);
    expect(ids()).toEqual(['support', 'big-accounts', 'sales-if-open']);
    fireEvent.click(hook(container, 'add-rule')[0]);
    expect(ids()).toHaveLength(4);
    const first = hook(container, 'rule')[0];
    fireEvent.click(hook(first, 'add-condition')[0]);
    expect(hook(first, 'condition')).toHaveLength(2);
    expect(screen.getAllByText('Rule 1').length).toBe(1);
  });

  it('asks for notifications until granted', () => {
    const { Ask, Granted } = composeStories(notify);
    expect(render(<Ask />).container.textContent).toContain(
      'Enable browser notifications to receive live chat notifications.',
    );
    cleanup();
    expect(hook(render(<Granted />).container, 'notify-banner')).toHaveLength(0);
  });
});
