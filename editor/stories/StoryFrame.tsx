import '@xyflow/react/dist/style.css';
import '../styles/index.css';
import type { ReactNode } from 'react';
import { I18nProvider, type Lang } from '../i18n/I18n.tsx';

/** Wraps an editor story: the editor's styles and UI language (English unless the story says otherwise). */
export function StoryFrame({
  children,
  lang = 'en',
  width,
  height,
}: {
  children: ReactNode;
  lang?: Lang;
  width?: number;
  height?: number;
}) {
  return (
    <I18nProvider lang={lang}>
      <div style={{ width, height, background: 'var(--bg)', fontFamily: 'var(--font)' }}>{children}</div>
    </I18nProvider>
  );
}
