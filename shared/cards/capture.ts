import { z } from 'zod';
import type { CaptureAskEvent } from '../engine/events.ts';
import { renderTokens } from '../engine/tokens.ts';
import { attributeNameSchema } from '../stream/attributeName.ts';
import { NEXT_PORT } from '../stream/model.ts';
import { defineCard, type StepContext } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';
import { validateCapture } from './validate.ts';

export const captureSchema = z
  .strictObject({
    attribute: attributeNameSchema.clone().register(fieldMeta, {
      label: { en: 'Attribute', ko: '속성' },
      help: { en: 'The reply is checked by the attribute’s kind.', ko: '답장은 속성의 종류에 따라 검사됩니다.' },
      widget: { kind: 'attribute' },
    }),
    prompt: z
      .string()
      .trim()
      .min(1, 'write the prompt')
      .register(fieldMeta, {
        label: { en: 'Prompt', ko: '질문 문구' },
        widget: { kind: 'text', tokens: true, rows: 2 },
      }),
    placeholder: z
      .string()
      .optional()
      .register(fieldMeta, { label: { en: 'Placeholder', ko: '입력 안내 문구' }, widget: { kind: 'text' } }),
    input: z
      .enum(['text', 'picklist'])
      .default('text')
      .register(fieldMeta, {
        label: { en: 'Input', ko: '입력 방식' },
        widget: {
          kind: 'choice',
          options: [
            { value: 'text', label: { en: 'Text box', ko: '텍스트 상자' } },
            { value: 'picklist', label: { en: 'Pick list', ko: '선택 목록' } },
          ],
        },
      }),
    options: z
      .array(z.string().trim().min(1, 'an option cannot be empty'))
      .optional()
      .register(fieldMeta, {
        label: { en: 'Options (one per line)', ko: '선택지 (한 줄에 하나)' },
        widget: { kind: 'lines', rows: 4 },
        visibleWhen: (d) => d.input === 'picklist',
      }),
    /** `skip`: a field the visitor already gave is not asked again; `overwrite`: always ask. */
    ifKnown: z
      .enum(['skip', 'overwrite'])
      .default('skip')
      .register(fieldMeta, {
        label: { en: 'When already known', ko: '이미 알고 있을 때' },
        widget: {
          kind: 'choice',
          options: [
            { value: 'skip', label: { en: 'skip if known', ko: '알면 건너뜀' } },
            { value: 'overwrite', label: { en: 'always ask', ko: '항상 질문' } },
          ],
        },
      }),
  })
  .refine((d) => d.input !== 'picklist' || (d.options?.length ?? 0) > 0, {
    message: 'a picklist needs at least one option',
    path: ['options'],
  });
export type CaptureData = z.infer<typeof captureSchema>;

/** Asks for one profile field and validates it by the attribute's kind. */
export const captureCard = defineCard({
  type: 'capture',
  title: { en: 'Capture', ko: '정보 수집' },
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
