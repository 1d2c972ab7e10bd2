import { describe, expect, it } from 'vitest';
import { keepText, serialise } from './hub.ts';

describe('the JSON text of an entry', () => {
  it('is the text kept with it, and a copy made with spread is serialised afresh', () => {
    const item = { type: 'visitor', text: 'Do you ship to Norway?', seq: 3, at: 1 };
    keepText(item, '{"kept":true}');
    expect(serialise(item)).toBe('{"kept":true}');
    const copy = { ...item, state: 'sent' };
    expect(serialise(copy)).toBe('{"type":"visitor","text":"Do you ship to Norway?","seq":3,"at":1,"state":"sent"}');
    expect(JSON.stringify(item)).toBe('{"type":"visitor","text":"Do you ship to Norway?","seq":3,"at":1}');
    expect(serialise({ type: 'ack', id: 'm1', seq: 3 })).toBe('{"type":"ack","id":"m1","seq":3}');
  });
});
