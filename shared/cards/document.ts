import { z } from 'zod';
import { NEXT_PORT } from '../stream/model.ts';
import { defineCard } from './defineCard.ts';
import { fieldMeta } from './fieldMeta.ts';

export const documentSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'name the document')
    .register(fieldMeta, { label: { en: 'Document name', ko: '문서 이름' }, widget: { kind: 'text' } }),
  url: z.url({ protocol: /^https$/, message: 'the document URL must be an https:// address' }).register(fieldMeta, {
    label: { en: 'URL (https)', ko: 'URL (https)' },
    help: { en: 'Visitors open it in a new tab.', ko: '방문자는 새 탭에서 엽니다.' },
    widget: { kind: 'text', inputType: 'url', placeholder: 'https://' },
  }),
});
export type DocumentData = z.infer<typeof documentSchema>;

/** Shows a document link / preview card. */
export const documentCard = defineCard({
  type: 'document',
  title: { en: 'Document', ko: '문서' },
  version: 1,
  schema: documentSchema,
  defaults: (): DocumentData => ({ name: 'Product sheet', url: 'https://example.com/product-sheet.pdf' }),
  ports: () => [NEXT_PORT],
  texts: () => [],
  sets: () => [],
  interactive: false,
  enter: (d, ctx) => ({
    kind: 'next',
    port: NEXT_PORT,
    events: [{ type: 'document', cardId: ctx.cardId, name: d.name, url: d.url }],
  }),
});
