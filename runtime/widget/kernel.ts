import type { CallbackEvent, ConversationStatus, Triggers } from '../../shared/protocol/visitor.ts';
import type { Appearance } from '../../shared/widget/appearance.ts';
import type { VisitorStore } from './loader/visitorStore.ts';

/** UI language: the snippet's `data-lang`, else the page's `<html lang>`, else the browser's (loader/strings.ts). */
export type Lang = 'en' | 'ko';

/** The dialogue the loader resolved for this page (POST /api/widget/resolve). */
export interface ResolvedDialogue {
  id: string;
  version: number;
  triggers: Triggers;
  poke: string | null;
}

/** A conversation still in progress for this visitor, whatever the page. */
export interface ResumeInfo {
  conversationId: string;
  dialogueId: string;
  status: ConversationStatus;
}

/**
 * What the loader hands to the conversation UI chunk when it loads. The two are separate scripts: the UI imports
 * only types from the loader, and everything it needs at run time comes through here.
 */
export interface Kernel {
  /** The widget's open shadow root; the UI renders its panel into `mount`. */
  root: ShadowRoot;
  mount: HTMLElement;
  workspace: string;
  /** Origin of the runtime that served widget.js, e.g. `https://chat.example.com`. */
  origin: string;
  lang: Lang;
  /** How the widget looks (already applied to `root`); a new conversation keeps it for its whole life. */
  appearance: Appearance;
  store: VisitorStore;
  dialogue: ResolvedDialogue | null;
  resume: ResumeInfo | null;
  /** Dispatches a page callback event once per conversation (loader/callbacks.ts); answers whether it fired. */
  emit(name: CallbackEvent, detail: CallbackDetail): boolean;
  /** Keeps the launcher in step with the panel. */
  setOpen(open: boolean): void;
  /** Agent messages the visitor has not seen (a badge on the launcher while the panel is closed). */
  setUnread(count: number): void;
  /** Focus returns here when the panel closes. */
  launcher: HTMLElement;
}

export interface CallbackDetail {
  dialogueId?: string;
  conversationId?: string;
  [key: string]: string | undefined;
}

/** What the UI chunk gives back to the loader. */
export interface UiHandle {
  open(): void;
  close(): void;
  isOpen(): boolean;
}

/** The UI chunk's entry: called by the loader once the chunk has run. */
export type MountUi = (kernel: Kernel) => UiHandle;
