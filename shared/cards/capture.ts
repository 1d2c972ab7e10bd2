import { z } from 'zod';
import type { CaptureAskEvent } from '../engine/events.ts';
import { renderTokens } from '../engine/tokens.ts';
import { attributeNameSchema } from '../stream/attributeName.ts';
import { NEXT_PORT } from '../stream/model.ts';
import { defineCard, type StepContext } from './defineCard.ts';
import { validateCapture } from './validate.ts';

export const captureSchema = z
  .strictObject({
    attribute: attributeNameSchema,
    prompt: z.string().trim().min(1, 'write the prompt'),
    placeholder: z.string().optional(),
    input: z.enum(['text', 'picklist']).default('text'),
    options: z.array(z.string().trim().min(1, 'an option cannot be empty')).optional(),
    /** `skip`: a field the visitor already gave is not asked again; `overwrite`: always ask. */
    ifKnown: z.enum(['skip', 'overwrite']).default('skip'),
  })
  .refine((d) => d.input !== 'picklist' || (d.options?.length ?? 0) > 0, {
    message: 'a picklist needs at least one option',
    path: ['options'],
  });
export type CaptureData = z.infer<typeof captureSchema>;

/** Asks for one profile field and validates it by the attribute's kind. */
export const captureCard = defineCard({
  type: 'capture',
  version: 1,
  schema: captureSchema,
  defaults: (): CaptureData => ({ attribute: 'email', prompt: 'What is your email?', input: 'text', ifKnown: 'skip' }),
  ports: () => [NEXT_PORT],
  texts: (d) => [d.prompt, ...(d.placeholder ? [d.placeholder] : [])],
  sets: (d) => [d.attribute],
  interactive: true,
  enter: (d, ctx) => {
    const known = (ctx.attributes[d.attribute] ?? '').trim() !== '';
    if (known && d.ifKnown === 'skip') return { kind: 'next', port: NEXT_PORT, events: [] };
    return { kind: 'wait', events: [ask(d, ctx)] };
  },
  reply: (d, text, ctx) => {
    const check = validateCapture(d, text);
    if (!check.ok) {
      return { kind: 'retry', events: [{ type: 'invalid', cardId: ctx.cardId, message: check.message }, ask(d, ctx)] };
    }
    return {
      kind: 'next',
      port: NEXT_PORT,
      events: [{ type: 'set', cardId: ctx.cardId, attribute: d.attribute, value: check.value }],
      set: { [d.attribute]: check.value },
    };
  },
});

function ask(d: CaptureData, ctx: StepContext): CaptureAskEvent {
  const event: CaptureAskEvent = {
    type: 'ask',
    cardId: ctx.cardId,
    prompt: renderTokens(d.prompt, ctx.attributes),
    attribute: d.attribute,
    input: d.input,
  };
  if (d.input === 'picklist') event.options = d.options ?? [];
  if (d.placeholder) event.placeholder = renderTokens(d.placeholder, ctx.attributes);
  return event;
}
