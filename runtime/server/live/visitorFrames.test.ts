import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT, parseFrame } from '../../../shared/protocol/common.ts';
import { visitorClientMessageSchema } from '../../../shared/protocol/visitor.ts';
import { parseVisitorFrame } from './visitorFrames.ts';

const bySchema = (raw: string) => parseFrame(visitorClientMessageSchema, raw);

// Strings around every limit the schema checks (empty, blank, padded, at and past 64, 200 and MAX_TEXT units).
const edgy = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', ' ', '\n\t ', ' a ', '\u00a0x\u2028', 'x'.repeat(64), 'x'.repeat(65), 'y'.repeat(200)),
  fc.constantFrom('y'.repeat(201), 'z'.repeat(MAX_TEXT), ` ${'z'.repeat(MAX_TEXT)} `, 'z'.repeat(MAX_TEXT + 1)),
);
const anyValue = fc.oneof(edgy, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer()));
const field = (v: fc.Arbitrary<unknown>) => fc.option(fc.oneof(v, anyValue), { nil: undefined, freq: 3 });
const loose = fc.record(
  {
    type: fc.oneof(fc.constantFrom('reply', 'message', 'typing', 'read', 'end', 'hello', 'bogus'), anyValue),
    id: field(edgy),
    cardId: field(edgy),
    answerId: field(edgy),
    text: field(edgy),
    on: field(fc.boolean()),
    upTo: field(fc.oneof(fc.nat(), fc.integer({ min: -3, max: 3 }), fc.constant(2 ** 53), fc.double())),
    extra: field(anyValue),
  },
  { requiredKeys: ['type'] },
);
// Frames of a step with every field of the right type, so that many are valid and the limits decide.
const near = fc.oneof(
  fc.record(
    { type: fc.constant('reply'), id: edgy, cardId: edgy, answerId: edgy, text: edgy, extra: anyValue },
    { requiredKeys: ['type', 'id', 'cardId'] },
  ),
  fc.record({ type: fc.constant('message'), id: edgy, text: edgy }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('typing'), on: fc.oneof(fc.boolean(), anyValue) }),
  fc.record({ type: fc.constant('read'), upTo: fc.oneof(fc.nat(), fc.integer({ min: -3, max: 3 }), anyValue) }),
);
const frame = fc.oneof(loose, near);

describe('parseVisitorFrame', () => {
  it('answers every frame exactly as the schema does', () => {
    const accepted = new Map<string, number>();
    fc.assert(
      fc.property(frame, (m) => {
        const raw = JSON.stringify(m);
        const answer = parseVisitorFrame(raw);
        expect(answer).toStrictEqual(bySchema(raw));
        if (answer.ok) accepted.set(answer.msg.type, (accepted.get(answer.msg.type) ?? 0) + 1);
      }),
      { numRuns: 2000 },
    );
    // The generator reaches valid frames of every checked type, not only refusals.
    for (const type of ['reply', 'message', 'typing', 'read'])
      expect(accepted.get(type) ?? 0, type).toBeGreaterThan(10);
  });

  it('answers the frames of a step without the schema, and bad ones with its message', () => {
    const reply = { type: 'reply', id: 'r1', cardId: 'email', text: '  ada@example.com ', more: 1 };
    expect(parseVisitorFrame(JSON.stringify(reply))).toStrictEqual({
      ok: true,
      msg: { type: 'reply', id: 'r1', cardId: 'email', text: 'ada@example.com' },
    });
    for (const raw of [
      '{"type":"reply","id":"r1","cardId":"ask"}',
      '{"type":"message","id":"m1","text":"   "}',
      '{"type":"read","upTo":-1}',
      'not json',
      '[1]',
    ])
      expect(parseVisitorFrame(raw)).toStrictEqual(bySchema(raw));
    expect(parseVisitorFrame('{"type":"reply","id":"r1","cardId":"ask"}')).toMatchObject({
      ok: false,
      error: 'text: give answerId or text',
    });
  });
});
