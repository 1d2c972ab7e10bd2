import { describe, expect, it } from 'vitest';
import type { CannedReplyView } from '../../../shared/api/cannedReplies.ts';
import { matchReplies, slashQuery } from './matchReplies.ts';

const reply = (shortcut: string, body: string): CannedReplyView => ({
  id: shortcut,
  scope: 'workspace',
  shortcut,
  body,
  editable: false,
  updatedAt: 0,
});

describe('the composer’s / search', () => {
  it('finds the /query at the caret: at the start or after a space, never inside a word or URL', () => {
    expect(slashQuery('/hel', 4)).toEqual({ start: 0, query: 'hel' });
    expect(slashQuery('Thanks! /pri', 12)).toEqual({ start: 8, query: 'pri' });
    expect(slashQuery('/', 1)).toEqual({ start: 0, query: '' });
    expect(slashQuery('see https://x.example/docs', 26)).toBeUndefined();
    expect(slashQuery('and/or', 6)).toBeUndefined();
    expect(slashQuery('/hello there', 12)).toBeUndefined();
  });

  it('puts shortcuts that start with the query first, then those whose shortcut or text contains it', () => {
    const list = [reply('bye', 'Have a nice day'), reply('hello', 'Hi there'), reply('shipping', 'We ship in a day')];
    expect(matchReplies(list, 'h').map((r) => r.shortcut)).toEqual(['hello', 'bye', 'shipping']);
    expect(matchReplies(list, 'day').map((r) => r.shortcut)).toEqual(['bye', 'shipping']);
    expect(matchReplies(list, 'HEL').map((r) => r.shortcut)).toEqual(['hello']);
    expect(matchReplies(list, 'nothing')).toEqual([]);
    expect(matchReplies(list, '')).toHaveLength(3);
  });
});
