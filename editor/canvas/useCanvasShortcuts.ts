import { useEffect } from 'react';
import type { EditorSession } from '../collab/editorSession.ts';
import { parseClip } from './clipboard.ts';
import { useCanvasActions } from './useCanvasActions.ts';

/** True when the key press belongs to a text field (the shortcuts leave typing alone). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Keyboard shortcuts of the canvas (listed in the shortcuts dialog): undo/redo, copy/cut/paste/duplicate, select
 * all, fit, zoom, auto-arrange. Delete and Backspace are React Flow's own.
 */
export function useCanvasShortcuts(session: EditorSession, readOnly: boolean): void {
  const actions = useCanvasActions(session);
  useEffect(() => {
    let pasteFallback = 0;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) !readOnly && actions.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) !readOnly && actions.redo();
      else if (mod && key === 'c') actions.copy();
      else if (mod && key === 'x') !readOnly && actions.cut();
      else if (mod && key === 'v') {
        // Browsers fire `paste` for this shortcut only sometimes outside text fields: fall back to this tab's clip.
        if (!readOnly) pasteFallback = window.setTimeout(() => actions.paste(), 60);
        return;
      } else if (mod && key === 'd') !readOnly && actions.duplicate();
      else if (mod && key === 'a') actions.selectAll();
      else if (!mod && e.shiftKey && key === 'l') !readOnly && void actions.arrange();
      else if (!mod && !e.shiftKey && key === 'f') actions.fit();
      else if (!mod && (key === '+' || key === '=')) actions.zoomIn();
      else if (!mod && key === '-') actions.zoomOut();
      else handled = false;
      if (handled) e.preventDefault();
    };
    // Paste through the paste event, so that a clip copied in another tab (system clipboard) works too.
    const onPaste = (e: ClipboardEvent) => {
      if (readOnly || typing(e.target)) return;
      window.clearTimeout(pasteFallback);
      const text = e.clipboardData?.getData('text/plain');
      const clip = text ? parseClip(text) : null;
      e.preventDefault();
      actions.paste(clip ?? undefined);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [actions, readOnly]);
}
