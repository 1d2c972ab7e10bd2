import { diagnostic, type Diagnostic } from '../diagnostic.ts';
import { q } from './quote.ts';

/** `no-start`: the stream names no start card, or one that does not exist. */
export function noStart(start: string | null, startExists: boolean): Diagnostic | undefined {
  if (start !== null && startExists) return undefined;
  const message =
    start === null
      ? 'The stream has no start card: choose the card the conversation begins with.'
      : `The start card ${q(start)} does not exist: choose the card the conversation begins with.`;
  return diagnostic('no-start', {}, message);
}
