import { createIncrementalLinter, type LintContext } from '../../shared/lint/index.ts';
import type { DraftStore } from '../collab/draftStore.ts';
import type { LintStore } from './lintStore.ts';

export interface LiveLint {
  setContext(ctx: LintContext): void;
  stop(): void;
}

/**
 * Lints the draft on every local or remote content change (moves alone do not relint), incrementally: changes of
 * one task (a transaction, a burst of remote updates) are linted once, in a microtask, before the next paint, so a
 * misplaced card is flagged at once.
 */
export function startLiveLint(store: DraftStore, lint: LintStore, ctx: LintContext = {}): LiveLint {
  const linter = createIncrementalLinter(ctx);
  const cards = new Set<string>();
  const edges = new Set<string>();
  let all = true;
  let scheduled = false;
  let stopped = false;

  const run = () => {
    scheduled = false;
    if (stopped) return;
    const changed = all ? 'all' : { cards: [...cards], edges: [...edges] };
    all = false;
    cards.clear();
    edges.clear();
    try {
      lint.set(linter.update(store.stream(), changed));
    } catch (err) {
      // A lint failure must not take the canvas down; the next change relints from scratch.
      console.error('lint failed', err);
      all = true;
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(run);
  };

  const off = store.onContentChange((c) => {
    c.cards.forEach((id) => cards.add(id));
    c.edges.forEach((id) => edges.add(id));
    schedule();
  });
  run();

  return {
    setContext(next) {
      linter.setContext(next);
      schedule();
    },
    stop() {
      stopped = true;
      off();
    },
  };
}
