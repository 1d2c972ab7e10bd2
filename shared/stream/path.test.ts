import { expect, it } from 'vitest';
import { formatPath } from './path.ts';

it('formats issue paths as people write them', () => {
  expect(formatPath(['cards', 2, 'data'])).toBe('cards[2].data');
  expect(formatPath(['edges', 0, 'to'])).toBe('edges[0].to');
  expect(formatPath(['settings', 'max chats'])).toBe('settings["max chats"]');
  expect(formatPath([])).toBe('(document)');
});
