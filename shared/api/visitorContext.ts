import { z } from 'zod';
import { conversationSchema } from './conversations.ts';
import { defineOperation, idParam } from './operation.ts';

const part = z.object({ name: z.string(), version: z.string().nullable() });

/** The visitor's context beside a chat in the inbox (SPEC §5): where they are, who they are, what they did. */
export const visitorContextSchema = z
  .object({
    conversationId: z.string(),
    visitorId: z.string(),
    page: z
      .object({ url: z.string(), title: z.string().nullable() })
      .nullable()
      .meta({ description: 'Where the chat was requested (`requested`), else where the conversation started' }),
    requested: z.boolean(),
    referrer: z.string().nullable(),
    browser: part.nullable().meta({ description: 'From the user agent (bowser)' }),
    os: part.nullable(),
    device: z.string().nullable().meta({ description: '`desktop`, `mobile`, `tablet`, `tv`, … when known' }),
    userAgent: z.string().nullable(),
    timeZone: z.string().nullable().meta({ description: "The visitor's IANA time zone: their local time" }),
    language: z.string().nullable().meta({ description: "The browser's language (BCP 47)" }),
    captured: z
      .array(z.object({ attribute: z.string(), value: z.string().nullable() }))
      .meta({ description: 'Every attribute the stream asks or sets, then any other of the profile; null: missing' }),
    goals: z.array(z.object({ name: z.string(), score: z.number(), at: z.number().int() })),
    score: z.number().meta({ description: 'The sum of the goals’ scores' }),
    earlier: z
      .array(conversationSchema)
      .meta({ description: "The same visitor's conversations that started before this one, newest first (20)" }),
  })
  .meta({
    id: 'VisitorContext',
    examples: [
      {
        conversationId: 'c_5d1e',
        visitorId: 'v_77aa',
        page: { url: 'https://shop.example/pricing', title: 'Pricing — Shop' },
        requested: true,
        referrer: 'https://search.example/?q=shop',
        browser: { name: 'Chrome', version: '120.0.0.0' },
        os: { name: 'Windows', version: 'NT 10.0' },
        device: 'desktop',
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36',
        timeZone: 'Asia/Seoul',
        language: 'ko-KR',
        captured: [
          { attribute: 'firstName', value: 'Jo' },
          { attribute: 'email', value: null },
        ],
        goals: [{ name: 'sales-lead', score: 3, at: 1765000020000 }],
        score: 3,
        earlier: [],
      },
    ],
  });
export type VisitorContextView = z.infer<typeof visitorContextSchema>;

export const getVisitorContext = defineOperation({
  operationId: 'getVisitorContext',
  method: 'GET',
  path: '/api/conversations/{id}/context',
  tag: 'live',
  summary:
    "The visitor's context: page and title, referrer, browser and OS, time zone, language, what the stream captured, goals and score, earlier conversations",
  description:
    'Who may read the conversation may read its context. An agent who holds or held a conversation of a visitor may open that visitor’s earlier conversations too.',
  access: 'agent',
  params: z.object({ id: idParam }),
  responses: { 200: { description: 'The context', schema: visitorContextSchema } },
  errors: [400, 401, 403, 404],
});
