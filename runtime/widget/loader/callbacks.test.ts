// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { callbacks } from './callbacks.ts';
import { visitorStore } from './visitorStore.ts';

beforeEach(() => localStorage.clear());

describe('callbacks', () => {
  it('dispatches a window CustomEvent and calls Tributary.on listeners, once per conversation, in order', () => {
    const bus = callbacks(visitorStore('ws', 0));
    const seen: string[] = [];
    addEventListener('tributary:engaged', (e) => seen.push(`dom:engaged:${(e as CustomEvent).detail.conversationId}`));
    const off = bus.on('engaged', (d) => seen.push(`on:engaged:${d.conversationId}`));
    bus.on('completed', () => seen.push('on:completed'));
    expect(bus.emit('engaged', { dialogueId: 'd', conversationId: 'c1' })).toBe(true);
    expect(bus.emit('engaged', { dialogueId: 'd', conversationId: 'c1' })).toBe(false);
    bus.emit('completed', { dialogueId: 'd', conversationId: 'c1' });
    off();
    bus.emit('engaged', { dialogueId: 'd', conversationId: 'c2' });
    expect(seen).toEqual(['dom:engaged:c1', 'on:engaged:c1', 'on:completed', 'dom:engaged:c2']);
  });

  it('remembers what fired across page views (a reload does not repeat an event)', () => {
    expect(callbacks(visitorStore('ws', 0)).emit('engaged', { conversationId: 'c1' })).toBe(true);
    expect(callbacks(visitorStore('ws', 1)).emit('engaged', { conversationId: 'c1' })).toBe(false);
  });

  it('a listener that throws does not stop the others', () => {
    const bus = callbacks(visitorStore('ws', 0));
    const seen: string[] = [];
    bus.on('closed', () => {
      throw new Error('boom');
    });
    bus.on('closed', () => seen.push('second'));
    bus.emit('closed', { conversationId: 'c1' });
    expect(seen).toEqual(['second']);
  });
});

describe('visitorStore', () => {
  it('keeps ids and completed dialogues, and starts a new visit after 30 idle minutes', () => {
    const s = visitorStore('ws', 1000);
    s.setVisitorToken('v_1.mac');
    s.setConversation('c1');
    s.markCompleted('d1');
    const again = visitorStore('ws', 61_000);
    expect(again.visitorToken()).toBe('v_1.mac');
    expect(again.conversationId()).toBe('c1');
    expect(again.isCompleted('d1')).toBe(true);
    expect(again.msOnSite(61_000)).toBe(60_000);
    expect(visitorStore('ws', 61_000 + 31 * 60_000).msOnSite(61_000 + 31 * 60_000)).toBe(0);
  });

  it('survives unreadable storage', () => {
    localStorage.setItem('tributary:ws', '{not json');
    const s = visitorStore('ws', 0);
    expect(s.visitorToken()).toBeUndefined();
    s.setVisitorToken('v_2.mac');
    expect(s.visitorToken()).toBe('v_2.mac');
  });

  it('drops the visitor id a version-1 widget kept and keeps the rest', () => {
    const v1 = { visitor: 'v_chosenByMe1', conversation: 'c_1', completed: ['d_1'], visitStart: 5, lastSeen: 6 };
    localStorage.setItem('tributary:ws', JSON.stringify(v1));
    const s = visitorStore('ws', 7);
    expect(s.visitorToken()).toBeUndefined();
    expect(s.conversationId()).toBe('c_1');
    expect(s.isCompleted('d_1')).toBe(true);
    expect(JSON.parse(localStorage.getItem('tributary:ws')!).visitor).toBeUndefined();
  });
});
