/** @jsxImportSource preact */
import { render } from 'preact';
import type { Lang } from '../kernel.ts';
import { addStyles } from '../loader/createHost.ts';
import { launcher } from '../loader/launcher.ts';
import loaderCss from '../loader/loader.css?inline';
import type { Controller } from '../ui/controller.ts';
import { Panel } from '../ui/Panel.tsx';
import panelCss from '../ui/panel.css?inline';
import { TEXT } from '../ui/strings.ts';
import { viewStore } from '../ui/viewStore.ts';
import { VIEWS, type ViewName } from './fixtures.ts';

export interface PreviewOptions {
  /** A panel state from fixtures.ts; none: the closed widget. */
  view?: ViewName;
  lang?: Lang;
  /** Poke text beside the closed launcher. */
  poke?: string;
  unread?: number;
}

/**
 * Renders the widget in a fixed state, without a runtime, inside `el` (stories and visual checks): the real
 * launcher, poke bubble and panel components, the real styles, and a controller that does nothing.
 * Returns a function that removes it.
 */
export function renderPreview(el: HTMLElement, o: PreviewOptions): () => void {
  const lang = o.lang ?? 'en';
  const host = document.createElement('tributary-widget');
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, loaderCss);
  addStyles(root, panelCss);
  const box = document.createElement('div');
  box.className = 'tb';
  root.append(box);
  el.append(host);

  const l = launcher(box, lang, () => {});
  l.setOpen(!!o.view);
  l.setUnread(o.unread ?? 0);
  if (o.poke && !o.view) l.poke(o.poke, () => {});
  if (o.view) {
    const store = viewStore(VIEWS[o.view]);
    const noop = () => {};
    const ctl = {
      open: noop,
      close: noop,
      connect: noop,
      answer: noop,
      submit: () => false,
      typing: noop,
      endChat: noop,
    } as Controller;
    const mount = document.createElement('div');
    box.append(mount);
    render(<Panel store={store} ctl={ctl} t={TEXT[lang]} origin={location.origin} root={root} />, mount);
  }
  return () => host.remove();
}
