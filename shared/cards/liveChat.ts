import { z } from 'zod';
import { defineCard } from './defineCard.ts';

/** How a live-chat hand-off picks an agent (SPEC §4). */
export const liveChatRoutingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('roundRobin') }),
  z.strictObject({ mode: z.literal('agent'), agentId: z.string().trim().min(1, 'choose the agent') }),
  z.strictObject({ mode: z.literal('rules') }),
  z.strictObject({ mode: z.literal('team'), teamId: z.string().trim().min(1, 'choose the team') }),
]);
export type LiveChatRouting = z.infer<typeof liveChatRoutingSchema>;

export const liveChatSchema = z.strictObject({
  routing: liveChatRoutingSchema.default({ mode: 'roundRobin' }),
});
export type LiveChatData = z.infer<typeof liveChatSchema>;

/** Hands the visitor to a live agent; the last card of its branch, so it has no output port. */
export const liveChatCard = defineCard({
  type: 'liveChat',
  version: 1,
  schema: liveChatSchema,
  defaults: (): LiveChatData => ({ routing: { mode: 'roundRobin' } }),
  ports: () => [],
  texts: () => [],
  sets: () => [],
  interactive: false,
  enter: (d, ctx) => ({ kind: 'handoff', events: [{ type: 'liveChat', cardId: ctx.cardId, routing: d.routing }] }),
});
