import type { Kernel, MountUi, UiHandle } from '../kernel.ts';
import { applyTheme } from '../theme.ts';
import { armTriggers } from './armTriggers.ts';
import { callbacks } from './callbacks.ts';
import { createHost } from './createHost.ts';
import { launcher } from './launcher.ts';
import css from './loader.css?inline';
import { resolveDialogue } from './resolveDialogue.ts';
import { pageLang } from './strings.ts';
import { visitorStore } from './visitorStore.ts';

declare const __TRIBUTARY_UI_VERSION__: string;

/**
 * widget.js — what a site embeds: `<script src="https://RUNTIME/widget.js" data-workspace="ID" async></script>`.
 * Framework-free and small: it defines `window.Tributary` (the only global), asks the runtime which dialogue
 * applies to the page and how the widget looks, arms the dialogue's triggers, shows the launcher and the poke
 * bubble, and loads the conversation UI (widget-ui.js) only when a conversation opens or resumes.
 */
const script = (document.currentScript ?? document.querySelector('script[data-workspace]')) as HTMLScriptElement | null;
const workspace = script?.dataset.workspace;
const w = window as unknown as { Tributary?: unknown };

if (!script || !workspace) console.warn('Tributary: add data-workspace="…" to the widget script tag.');
else if (!w.Tributary) boot(script, workspace);

function boot(script: HTMLScriptElement, workspace: string) {
  const src = new URL(script.src, location.href);
  const store = visitorStore(workspace, Date.now());
  const bus = callbacks(store);
  let ui: UiHandle | undefined;
  let openUi: () => void = () => {};
  let mountUi: ((m: MountUi) => void) | undefined;

  w.Tributary = {
    version: __TRIBUTARY_UI_VERSION__,
    on: bus.on,
    off: bus.off,
    open: () => openUi(),
    close: () => ui?.close(),
    /** Called by widget-ui.js when it has run (internal). */
    _mount: (m: MountUi) => mountUi?.(m),
  };

  const start = async () => {
    const lang = pageLang(script);
    const res = await resolveDialogue(src.origin, workspace, store.visitorToken());
    bus.emit('ready', {});
    // Refused (an origin the workspace does not allow) or unreachable: no widget on this page at all.
    if (!res) return;
    if (res.visitorToken) store.setVisitorToken(res.visitorToken);
    if (!res.resume && store.conversationId()) store.setConversation(undefined);
    // A conversation keeps the look it started with, even when the appearance was changed since.
    const look = (res.resume?.conversationId === store.conversationId() && store.look()) || res.appearance;
    const { root, box } = createHost(css);
    applyTheme(box, look);
    const l = launcher(box, lang, look.launcherIcon, () => (ui?.isOpen() ? ui.close() : openUi()));
    l.button.hidden = true;

    let loading: Promise<UiHandle> | undefined;
    const loadUi = () =>
      (loading ??= new Promise<UiHandle>((done, fail) => {
        const kernel: Kernel = {
          root,
          mount: box,
          workspace,
          origin: src.origin,
          lang,
          appearance: look,
          store,
          launcher: l.button,
          dialogue: res.dialogue,
          resume: res.resume,
          emit: bus.emit,
          setOpen: l.setOpen,
          setUnread: l.setUnread,
        };
        mountUi = (m) => done((ui = m(kernel)));
        const s = document.createElement('script');
        s.src = new URL(`widget-ui.js?v=${__TRIBUTARY_UI_VERSION__}`, src).href;
        s.async = true;
        if (script.nonce) s.nonce = script.nonce;
        s.onerror = () => {
          loading = undefined;
          s.remove();
          fail(new Error('Tributary: the chat could not be loaded.'));
        };
        document.head.append(s);
      }));
    openUi = () => {
      if (l.button.hidden) return;
      l.hidePoke();
      loadUi().then((h) => h.open(), console.warn);
    };

    const dialogue = res.dialogue;
    if (res.resume) {
      // A conversation in progress continues on every page; the panel comes back as the visitor left it.
      l.button.hidden = false;
      loadUi().then((h) => store.wasOpen() && h.open(), console.warn);
    } else if (dialogue && !store.isCompleted(dialogue.id)) {
      armTriggers(dialogue.triggers, store.msOnSite(Date.now()), () => {
        l.button.hidden = false;
        if (dialogue.poke) l.poke(dialogue.poke, openUi);
        bus.emit('triggered', { dialogueId: dialogue.id });
        // Shown counts now, opened or not: a show-once dialogue is not shown to this visitor again.
        navigator.sendBeacon?.(
          `${src.origin}/api/widget/track`,
          JSON.stringify({
            workspace,
            visitorToken: store.visitorToken(),
            dialogue: dialogue.id,
            name: 'triggered',
            url: location.href,
          }),
        );
      });
    }
  };

  if (document.body) start();
  else addEventListener('DOMContentLoaded', start, { once: true });
}
