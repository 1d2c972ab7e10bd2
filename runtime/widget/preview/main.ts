import { renderPreview } from './renderPreview.tsx';

/** Entry of the visual-check page: `?view=live&lang=ko&poke=Hi` renders that state (see preview.test.ts). */
const q = new URLSearchParams(location.search);
document.documentElement.lang = q.get('lang') ?? 'en';
renderPreview(document.body, {
  view: (q.get('view') || undefined) as never,
  lang: q.get('lang') === 'ko' ? 'ko' : 'en',
  poke: q.get('poke') ?? undefined,
  unread: Number(q.get('unread') ?? 0),
});
