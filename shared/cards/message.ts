import { z } from 'zod';
import { renderTokens } from '../engine/tokens.ts';
import { NEXT_PORT } from '../stream/model.ts';
import { defineCard } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';

export const messageSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'write the message text')
    .register(fieldMeta, { label: { en: 'Text', ko: '텍스트' }, widget: { kind: 'text', tokens: true, rows: 4 } }),
  /** Show as a teaser bubble beside the closed widget; only allowed on the start card (lint `poke-not-first`). */
  poke: z
    .boolean()
    .default(false)
    .register(fieldMeta, {
      label: { en: 'Show as a teaser bubble (start card only)', ko: '티저 말풍선으로 표시 (시작 카드만)' },
      widget: { kind: 'checkbox' },
    }),
});
export type MessageData = z.infer<typeof messageSchema>;

/** A bot message. */
export const messageCard = defineCard({
  type: 'message',
  title: { en: 'Message', ko: '메시지' },
  version: 1,
  schema: messageSchema,
  defaults: (): MessageData => ({ text: 'Hi {{firstName:"there"}}!', poke: false }),
  ports: () => [NEXT_PORT],
  texts: (d) => [d.text],
  sets: () => [],
  interactive: false,
  enter: (d, ctx) => ({
    kind: 'next',
    port: NEXT_PORT,
    events: [{ type: 'message', cardId: ctx.cardId, text: renderTokens(d.text, ctx.attributes) }],
  }),
});
