import { z } from 'zod';
import { renderTokens } from '../engine/tokens.ts';
import type { QuestionAskEvent } from '../engine/events.ts';
import { attributeNameSchema } from '../stream/attributeName.ts';
import { defineCard, type StepContext, type StepOutcome } from './defineCard.ts';
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
  /**
   * Visitors may type instead of clicking: a reply that matches no answer takes the `other` port (stored in
   * `attribute`) instead of a re-prompt (SPEC §2). Absent means false, and an export leaves `false` out.
   */
  freeText: z
    .boolean()
    .optional()
    .register(fieldMeta, {
      label: { en: 'Let visitors type their own answer', ko: '방문자가 직접 답을 입력할 수 있음' },
      help: {
        en: 'A typed reply that matches no answer goes out on the "other" port.',
        ko: '어떤 답변과도 맞지 않는 입력은 "other" 포트로 나갑니다.',
      },
      widget: { kind: 'checkbox' },
    }),
});
export type QuestionData = z.infer<typeof questionSchema>;

/** The port a free-text question takes on a typed reply that matches no answer. */
export const OTHER_PORT = 'other';

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
  ports: (d) => (d.freeText ? [...d.answers.map((a) => a.id), OTHER_PORT] : d.answers.map((a) => a.id)),
  omitWhenDefault: { freeText: false },
  texts: (d) => [d.prompt],
  sets: (d) => (d.attribute ? [d.attribute] : []),
  interactive: true,
  enter: (d, ctx) => ({ kind: 'wait', events: [ask(d, ctx)] }),
  reply: (d, text, ctx) => {
    const wanted = text.trim().toLowerCase();
    const answer = d.answers.find((a) => a.label.trim().toLowerCase() === wanted);
    if (!answer && d.freeText && wanted !== '') return typed(d, text.trim(), ctx);
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

/** A typed reply of a free-text question: out on `other`, kept in `attribute` as typed (trimmed). */
function typed(d: QuestionData, value: string, ctx: StepContext): StepOutcome {
  if (!d.attribute) return { kind: 'next', port: OTHER_PORT, events: [] };
  return {
    kind: 'next',
    port: OTHER_PORT,
    events: [{ type: 'set', cardId: ctx.cardId, attribute: d.attribute, value }],
    set: { [d.attribute]: value },
  };
}

function ask(d: QuestionData, ctx: StepContext): QuestionAskEvent {
  const e: QuestionAskEvent = {
    type: 'ask',
    cardId: ctx.cardId,
    prompt: renderTokens(d.prompt, ctx.attributes),
    answers: d.answers.map((a) => a.label),
  };
  if (d.freeText) e.freeText = true;
  return e;
}
