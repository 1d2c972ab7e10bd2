/** @jsxImportSource preact */
import { useEffect, useRef } from 'preact/hooks';
import type { Controller } from './controller.ts';
import { Composer } from './Composer.tsx';
import { Header } from './Header.tsx';
import type { Strings } from './strings.ts';
import { Transcript } from './Transcript.tsx';
import { TranscriptMail } from './TranscriptMail.tsx';
import { useView, type ViewStore } from './viewStore.ts';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The open conversation panel: a labelled dialog that keeps keyboard focus inside it (Tab and Shift+Tab cycle,
 * Escape closes and returns focus to the launcher). When the focused control disappears (an answer button after
 * the click), focus moves to the next useful control instead of falling back to the top of the page.
 */
export function Panel({
  store,
  ctl,
  t,
  origin,
  root,
}: {
  store: ViewStore;
  ctl: Controller;
  t: Strings;
  origin: string;
  root: ShadowRoot;
}) {
  const v = useView(store);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const panel = ref.current;
    const active = root.activeElement;
    // Focus moves in when the panel opens (it is on the launcher) or when the focused control went away (it fell
    // back to <body>); focus the visitor put somewhere on the page stays there.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!panel || (active && panel.contains(active)) || (!active && !lost)) return;
    const target =
      panel.querySelector<HTMLElement>('input:not([disabled])') ??
      panel.querySelector<HTMLElement>('[data-tributary="answer"]') ??
      panel.querySelector<HTMLElement>('.log');
    target?.focus({ preventScroll: true });
  });

  if (!v.open) return null;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      ctl.close();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const all = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (all.length === 0) return;
    const i = all.indexOf(root.activeElement as HTMLElement);
    const next = e.shiftKey ? (i <= 0 ? all.length - 1 : i - 1) : i === all.length - 1 ? 0 : i + 1;
    e.preventDefault();
    all[next].focus();
  };

  const banner = v.socket === 'retrying' ? t.reconnecting : v.socket === 'failed' ? t.unavailable : null;

  return (
    <section class="panel" ref={ref} role="dialog" aria-labelledby="tb-title" onKeyDown={onKeyDown}>
      <Header v={v} t={t} ctl={ctl} origin={origin} titleId="tb-title" />
      {banner && (
        <div class={v.socket === 'failed' ? 'banner bad' : 'banner'} role="status">
          {banner}
        </div>
      )}
      {v.mail && <TranscriptMail mail={v.mail} t={t} ctl={ctl} />}
      <Transcript v={v} t={t} ctl={ctl} origin={origin} />
      <Composer v={v} t={t} ctl={ctl} />
    </section>
  );
}
