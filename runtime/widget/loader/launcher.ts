import type { LauncherIcon } from '../../../shared/widget/appearance.ts';
import type { Lang } from '../kernel.ts';
import { LOADER_TEXT } from './strings.ts';

/** The launcher's icons an appearance may choose. */
const ICONS: Record<LauncherIcon, string> = {
  chat: 'M12 3C6.5 3 2 6.9 2 11.7c0 2.4 1.1 4.6 3 6.2L4.3 21.4a.6.6 0 0 0 .9.6l3.9-2.1c.9.2 1.9.4 2.9.4 5.5 0 10-3.9 10-8.6S17.5 3 12 3Zm-4.5 10a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 17h-2v-2h2v2Zm2.1-7.8-.9.9C13.5 12.9 13 13.5 13 15h-2v-.5c0-1.1.4-2.1 1.2-2.8l1.2-1.3c.4-.4.6-.9.6-1.4a2 2 0 0 0-4 0H8a4 4 0 0 1 8 0c0 .9-.4 1.7-.9 2.2Z',
  spark: 'M12 2l2.4 6.6L21 11l-6.6 2.4L12 20l-2.4-6.6L3 11l6.6-2.4zM19 15l1 2.5 2.5 1-2.5 1-1 2.5-1-2.5-2.5-1 2.5-1z',
};
const CLOSE_ICON = 'M6.7 5.3 12 10.6l5.3-5.3 1.4 1.4-5.3 5.3 5.3 5.3-1.4 1.4-5.3-5.3-5.3 5.3-1.4-1.4 5.3-5.3-5.3-5.3z';

export interface Launcher {
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
  setUnread(count: number): void;
  /** Shows the poke bubble (the start message as a teaser); `onOpen` when the visitor clicks it. */
  poke(text: string, onOpen: () => void): void;
  hidePoke(): void;
}

/**
 * The launcher button (`data-tributary="launcher"`) and the poke bubble beside it. Built with DOM calls, never
 * from markup, so that text is always text and pages that enforce Trusted Types still work.
 */
export function launcher(box: HTMLElement, lang: Lang, iconName: LauncherIcon, onToggle: () => void): Launcher {
  const t = LOADER_TEXT[lang];
  const button = el('button', 'launcher');
  button.type = 'button';
  button.dataset.tributary = 'launcher';
  button.setAttribute('aria-haspopup', 'dialog');
  button.append(icon(ICONS[iconName] ?? ICONS.chat, 'ic-chat'), icon(CLOSE_ICON, 'ic-close'));
  const badge = el('span', 'badge');
  badge.hidden = true;
  button.append(badge);
  button.addEventListener('click', onToggle);
  let pokeBox: HTMLElement | undefined;
  let open = false;
  let unread = 0;

  const label = () => {
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', (open ? t.close : t.open) + (unread && !open ? ` (${unread} ${t.unread})` : ''));
    badge.hidden = open || unread === 0;
    badge.textContent = unread > 9 ? '9+' : String(unread);
  };
  label();
  box.append(button);

  const api: Launcher = {
    button,
    setOpen(o) {
      open = o;
      if (o) api.hidePoke();
      label();
    },
    setUnread(n) {
      unread = n;
      label();
    },
    poke(text, onOpen) {
      api.hidePoke();
      pokeBox = el('div', 'poke');
      const say = el('button', 'say');
      say.type = 'button';
      say.textContent = text;
      say.addEventListener('click', onOpen);
      const dismiss = el('button', 'dismiss');
      dismiss.type = 'button';
      dismiss.textContent = '×';
      dismiss.setAttribute('aria-label', t.dismiss);
      dismiss.addEventListener('click', () => api.hidePoke());
      pokeBox.append(dismiss, say);
      box.append(pokeBox);
    },
    hidePoke() {
      pokeBox?.remove();
      pokeBox = undefined;
    },
  };
  return api;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

function icon(d: string, cls: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', cls);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}
