/** @jsxImportSource preact */
import { render } from 'preact';
import { DEFAULT_APPEARANCE, type Appearance } from '../../../shared/widget/appearance.ts';
import type { Lang } from '../kernel.ts';
import { addStyles } from '../loader/createHost.ts';
import { launcher } from '../loader/launcher.ts';
import loaderCss from '../loader/loader.css?inline';
import { applyTheme } from '../theme.ts';
import type { Controller } from '../ui/controller.ts';
import { LookContext } from '../ui/look.ts';
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
  appearance?: Appearance;
  /** Where pictures given as paths come from (the runtime); the current page's origin by default. */
  origin?: string;
}

export interface PreviewHandle {
  /** Shows another appearance in place (the product's appearance form calls it on every change). */
  update(appearance: Appearance): void;
  remove(): void;
}

/**
 * Renders the widget in a fixed state, without a runtime, inside `el` (stories, visual checks and the product's
 * live appearance preview): the real launcher, poke bubble and panel components, the real styles and theme, and a
 * controller that does nothing. The widget's parts are `position: fixed`; give `el` a `transform` to keep them
 * inside it.
 */
export function renderPreview(el: HTMLElement, o: PreviewOptions): PreviewHandle {
  const lang = o.lang ?? 'en';
  const origin = o.origin ?? location.origin;
  const host = document.createElement('tributary-widget');
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, loaderCss);
  addStyles(root, panelCss);
  const box = document.createElement('div');
  box.className = 'tb';
  root.append(box);
  el.append(host);

  let appearance = o.appearance ?? DEFAULT_APPEARANCE;
  let l: ReturnType<typeof launcher> | undefined;
  let icon: Appearance['launcherIcon'] | undefined;
  const mount = document.createElement('div');
  const store = o.view ? viewStore(VIEWS[o.view]) : undefined;
  const noop = () => {};
  const ctl = {
    open: noop,
    close: noop,
    connect: noop,
    answer: noop,
    submit: () => false,
    typing: noop,
    endChat: noop,
    emailTranscript: noop,
    dismissMail: noop,
    talkToPerson: noop,
  } as Controller;

  const draw = () => {
    applyTheme(box, appearance);
    // The launcher is the loader's DOM (no framework): made again only for another icon.
    if (icon !== appearance.launcherIcon) {
      icon = appearance.launcherIcon;
      l?.button.remove();
      l?.hidePoke();
      l = launcher(box, lang, icon, noop);
      l.setOpen(!!o.view);
      l.setUnread(o.unread ?? 0);
      if (o.poke && !o.view) l.poke(o.poke, noop);
    }
    if (store) {
      box.append(mount);
      render(
        <LookContext.Provider value={{ appearance, lang, origin }}>
          <Panel store={store} ctl={ctl} t={TEXT[lang]} origin={origin} root={root} />
        </LookContext.Provider>,
        mount,
      );
    }
  };
  draw();
  return {
    update(next) {
      appearance = next;
      draw();
    },
    remove() {
      if (store) render(null, mount);
      host.remove();
    },
  };
}
