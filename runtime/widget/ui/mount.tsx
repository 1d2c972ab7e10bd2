/** @jsxImportSource preact */
import { render } from 'preact';
import { addStyles } from '../loader/createHost.ts';
import type { Kernel, UiHandle } from '../kernel.ts';
import { controller } from './controller.ts';
import { LookContext } from './look.ts';
import css from './panel.css?inline';
import { Panel } from './Panel.tsx';
import { TEXT } from './strings.ts';
import { viewStore } from './viewStore.ts';

/**
 * Renders the conversation panel into the widget's shadow root and gives the loader its handle. A conversation
 * being resumed connects at once (its unread count shows on the launcher even with the panel closed); a new one
 * connects when the visitor opens the panel.
 */
export function mount(k: Kernel): UiHandle {
  addStyles(k.root, css);
  const store = viewStore();
  const ctl = controller(k, store);
  const box = document.createElement('div');
  k.mount.append(box);
  render(
    <LookContext.Provider value={{ appearance: k.appearance, lang: k.lang, origin: k.origin }}>
      <Panel store={store} ctl={ctl} t={TEXT[k.lang]} origin={k.origin} root={k.root} />
    </LookContext.Provider>,
    box,
  );
  if (k.resume) ctl.connect();
  return { open: ctl.open, close: ctl.close, isOpen: () => store.get().open };
}
