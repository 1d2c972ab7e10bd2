import { z } from 'zod';
import { renderTokens } from '../engine/tokens.ts';
import { attributeNameSchema } from '../stream/attributeName.ts';
import { NEXT_PORT } from '../stream/model.ts';
import { defineCard } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';

export const actionSchema = z.strictObject({
  attribute: attributeNameSchema.clone().register(fieldMeta, {
    label: { en: 'Attribute', ko: '속성' },
    widget: { kind: 'attribute' },
  }),
  /** Tokens allowed; an empty value clears the attribute. */
  value: z.string().register(fieldMeta, {
    label: { en: 'Value', ko: '값' },
    help: { en: 'An empty value clears the attribute.', ko: '값을 비우면 속성이 지워집니다.' },
    widget: { kind: 'text', tokens: true },
  }),
});
export type ActionData = z.infer<typeof actionSchema>;

/** Invisible: sets a profile attribute. */
export const actionCard = defineCard({
  type: 'action',
  title: { en: 'Set attribute', ko: '속성 설정' },
  version: 1,
  schema: actionSchema,
  defaults: (): ActionData => ({ attribute: 'leadSource', value: 'chat' }),
  ports: () => [NEXT_PORT],
  texts: (d) => [d.value],
  sets: (d) => [d.attribute],
  interactive: false,
  enter: (d, ctx) => {
    const value = renderTokens(d.value, ctx.attributes);
    return {
      kind: 'next',
      port: NEXT_PORT,
      events: [{ type: 'set', cardId: ctx.cardId, attribute: d.attribute, value }],
      set: { [d.attribute]: value },
    };
  },
});
