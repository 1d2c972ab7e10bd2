import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { streamToDoc } from '../../shared/stream/ydoc.ts';
import { DraftBinding } from '../collab/draftBinding.ts';
import { LintStore } from './lintStore.ts';
import { startLiveLint } from './liveLint.ts';

const tick = () => new Promise<void>((r) => queueMicrotask(r));

describe('live lint', () => {
  it('flags a live chat placed mid-branch on the next microtask, per card and port, and clears after the fix', async () => {
    const doc = streamToDoc({
      name: 'S',
      start: 'hello',
      cards: [
        { id: 'hello', type: 'message', data: { text: 'Hi' } },
        { id: 'bye', type: 'message', data: { text: 'Bye' } },
      ],
      edges: [{ id: 'hello:next->bye', from: 'hello', port: 'next', to: 'bye' }],
    });
    const binding = new DraftBinding(doc);
    const lint = new LintStore();
    startLiveLint(binding.store, lint);
    expect(lint.errorCount()).toBe(0);
    binding.insertOnEdge(
      { id: 'agent', type: 'liveChat', data: { routing: { mode: 'roundRobin' } } },
      'hello:next->bye',
      undefined,
    );
    await tick();
    expect(lint.diagnostics().map((d) => d.code)).toContain('live-chat-not-last');
    expect(lint.card('agent').errors).toBeGreaterThan(0);
    binding.remove([], ['agent:next->bye']);
    await tick();
    expect(lint.diagnostics().map((d) => d.code)).not.toContain('live-chat-not-last');
    expect(lint.errorCount()).toBe(0);
  });

  it('does not relint for a move, and keeps each card’s lint object while it does not change', async () => {
    const doc = new Y.Doc();
    streamToDoc({ name: 'S', start: null, cards: [{ id: 'a', type: 'message', data: { text: '' } }], edges: [] }, doc);
    const binding = new DraftBinding(doc);
    const lint = new LintStore();
    startLiveLint(binding.store, lint);
    const before = lint.card('a');
    let runs = 0;
    lint.subscribe(() => runs++);
    binding.move(new Map([['a', { x: 10, y: 10 }]]));
    await tick();
    expect(runs).toBe(0);
    binding.setData('a', { text: '', poke: false });
    await tick();
    expect(lint.card('a')).toBe(before);
  });
});
