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
  texts: () => [],
  sets: () => [],
  interactive: false,
  enter: (d, ctx) => ({ kind: 'handoff', events: [{ type: 'liveChat', cardId: ctx.cardId, routing: d.routing }] }),
});
