import { z } from 'zod';
import { renderTokens } from '../engine/tokens.ts';
import type { QuestionAskEvent } from '../engine/events.ts';
import { attributeNameSchema } from '../stream/attributeName.ts';
import { defineCard, type StepContext } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';
import { repromptText } from './reprompts.ts';

const answerSchema = z.strictObject({
  /** The answer's port name; edges leave the question on it. */
  id: z.string().trim().min(1, 'give the answer an id'),
  label: z
    .string()
    .trim()
    .min(1, 'write the answer label')
    .register(fieldMeta, { label: { en: 'Label', ko: '레이블' }, widget: { kind: 'text' } }),
  /** Stored in `attribute` instead of the label when set. */
  value: z
    .string()
    .optional()
    .register(fieldMeta, {
      label: { en: 'Stored value (optional)', ko: '저장할 값 (선택)' },
      widget: { kind: 'text' },
    }),
});

// Label uniqueness is not checked here: lint reports it with its own code (`duplicate-answer-label`).
export const questionSchema = z.strictObject({
  prompt: z
    .string()
    .trim()
    .min(1, 'write the question')
    .register(fieldMeta, { label: { en: 'Prompt', ko: '질문 문구' }, widget: { kind: 'text', tokens: true, rows: 3 } }),
  answers: z
    .array(answerSchema)
    .min(1, 'add at least one answer')
    .refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'answer ids must be unique')
    .register(fieldMeta, {
      label: { en: 'Answers', ko: '답변' },
      help: { en: 'One button and one output port per answer.', ko: '답변마다 버튼 하나와 출력 포트 하나가 생깁니다.' },
      widget: {
        kind: 'list',
        idPrefix: 'a',
        layout: 'row',
        add: { en: 'Add answer', ko: '답변 추가' },
        newItem: (id) => ({ id, label: '' }),
      },
    }),
  attribute: attributeNameSchema.optional().register(fieldMeta, {
    label: { en: 'Store the answer in (optional)', ko: '답변을 저장할 속성 (선택)' },
    widget: { kind: 'attribute' },
  }),
});
export type QuestionData = z.infer<typeof questionSchema>;

/** A question with one button (and one output port) per answer. */
export const questionCard = defineCard({
  type: 'question',
  title: { en: 'Question', ko: '질문' },
  version: 1,
  schema: questionSchema,
  defaults: (): QuestionData => ({
    prompt: 'What brings you here today?',
    answers: [
      { id: 'a1', label: 'Pricing' },
      { id: 'a2', label: 'Just looking' },
    ],
  }),
  ports: (d) => d.answers.map((a) => a.id),
  texts: (d) => [d.prompt],
  sets: (d) => (d.attribute ? [d.attribute] : []),
  interactive: true,
  enter: (d, ctx) => ({ kind: 'wait', events: [ask(d, ctx)] }),
  reply: (d, text, ctx) => {
    const wanted = text.trim().toLowerCase();
    const answer = d.answers.find((a) => a.label.trim().toLowerCase() === wanted);
    if (!answer) {
      const message = repromptText({ code: 'choose', options: d.answers.map((a) => a.label) });
      return { kind: 'retry', events: [{ type: 'invalid', cardId: ctx.cardId, message }, ask(d, ctx)] };
    }
    if (!d.attribute) return { kind: 'next', port: answer.id, events: [] };
    const value = answer.value ?? answer.label;
    return {
      kind: 'next',
      port: answer.id,
      events: [{ type: 'set', cardId: ctx.cardId, attribute: d.attribute, value }],
      set: { [d.attribute]: value },
    };
  },
});

function ask(d: QuestionData, ctx: StepContext): QuestionAskEvent {
  return {
    type: 'ask',
    cardId: ctx.cardId,
    prompt: renderTokens(d.prompt, ctx.attributes),
    answers: d.answers.map((a) => a.label),
  };
}
