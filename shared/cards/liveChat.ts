import { z } from 'zod';
import { routingSchema } from '../routing/schema.ts';
import { defineCard } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';

/** How a live-chat hand-off picks an agent (SPEC §4): the routing engine's own definition of the modes. */
export type LiveChatRouting = z.infer<typeof routingSchema>;

export const liveChatSchema = z.strictObject({
  routing: routingSchema
    .default({ mode: 'roundRobin' })
    .register(fieldMeta, { label: { en: 'Routing', ko: '라우팅' }, widget: { kind: 'routing' } }),
  /**
   * This card is the stream's "talk to a person" target: the widget's header action jumps here from any point of
   * the conversation (SPEC §2, §6). At most one card of a stream (lint `talk-to-person-duplicate`). Absent means
   * false, and an export leaves `false` out.
   */
  talkToPerson: z
    .boolean()
    .optional()
    .register(fieldMeta, {
      label: { en: 'Target of "Talk to a person"', ko: '"상담원 연결" 버튼의 대상' },
      help: {
        en: 'Visitors can jump here at any point from the chat header.',
        ko: '방문자가 대화 중 언제든 채팅 상단에서 이 카드로 이동할 수 있습니다.',
      },
      widget: { kind: 'checkbox' },
    }),
});
export type LiveChatData = z.infer<typeof liveChatSchema>;

/** Hands the visitor to a live agent; the last card of its branch, so it has no output port. */
export const liveChatCard = defineCard({
  type: 'liveChat',
  title: { en: 'Live chat', ko: '라이브 채팅' },
  version: 1,
  schema: liveChatSchema,
  defaults: (): LiveChatData => ({ routing: { mode: 'roundRobin' } }),
  ports: () => [],
  omitWhenDefault: { talkToPerson: false },
  texts: () => [],
  sets: () => [],
  interactive: false,
  enter: (d, ctx) => ({ kind: 'handoff', events: [{ type: 'liveChat', cardId: ctx.cardId, routing: d.routing }] }),
});
