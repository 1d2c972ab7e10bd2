import { useEffect, useRef } from 'react';
import type { Appearance } from '../../shared/widget/appearance.ts';
import type { ViewName } from '../../runtime/widget/preview/fixtures.ts';
import { renderPreview, type PreviewHandle } from '../../runtime/widget/preview/renderPreview.tsx';

/**
 * One live widget in the appearance page: the visitor widget's own launcher, panel and styles (Preact, in its own
 * shadow root) in a fixed state, redrawn in place as the form changes. The frame's `transform` keeps the widget's
 * fixed-position parts inside it instead of the page's corner.
 */
export function WidgetPreview({
  appearance,
  view,
  lang,
  label,
}: {
  appearance: Appearance;
  view: ViewName;
  lang: 'en' | 'ko';
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const handle = useRef<PreviewHandle | null>(null);
  const latest = useRef(appearance);
  latest.current = appearance;

  useEffect(() => {
    if (!ref.current) return;
    const h = renderPreview(ref.current, { view, lang, appearance: latest.current });
    handle.current = h;
    return () => {
      handle.current = null;
      h.remove();
    };
  }, [view, lang]);

  useEffect(() => {
    handle.current?.update(appearance);
  }, [appearance]);

  return (
    <figure className="widget-preview">
      <figcaption className="widget-preview__label">{label}</figcaption>
      <div className="widget-preview__frame" ref={ref} data-preview={view} />
    </figure>
  );
}
