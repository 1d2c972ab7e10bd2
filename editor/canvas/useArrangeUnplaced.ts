import { useNodesInitialized } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { EditorSession } from '../collab/editorSession.ts';
import type { CanvasActions } from './useCanvasActions.ts';

/**
 * `position` is optional in the interchange format (SPEC §8.2), so an imported stream may have cards without one,
 * which would all sit on top of each other at (0, 0). Once the cards are measured, such a stream is arranged once,
 * as the Arrange button would (one undoable edit); a stream whose cards all have positions is left as it is.
 */
export function useArrangeUnplaced(session: EditorSession, actions: CanvasActions): void {
  const measured = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (!measured || done.current) return;
    done.current = true;
    if (session.binding.store.stream().cards.some((c) => !c.position)) void actions.arrange();
  }, [measured, session, actions]);
}
