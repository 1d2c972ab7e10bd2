import * as Y from 'yjs';
import type { Stream } from '../../shared/stream/model.ts';
import { streamToDoc } from '../../shared/stream/ydoc.ts';
import { createEditorSession, type EditorSession } from '../collab/editorSession.ts';
import type { Diagnostic } from '../../shared/lint/diagnostic.ts';
import type { Workspace } from '../workspace/workspace.ts';

export const storyWorkspace: Workspace = {
  agents: [
    { id: 'u_ann', name: 'Ann Agent', teams: ['sales'] },
    { id: 'u_bob', name: 'Bob Agent', teams: ['sales'] },
  ],
  teams: [{ id: 'sales', name: 'Sales' }],
  customAttributes: ['plan', 'leadSource'],
};

/** An editor session on a local doc (no server), with chosen cards selected and given diagnostics. */
export function storySession(
  stream: Stream,
  opts: { selected?: string[]; diagnostics?: Diagnostic[] } = {},
): EditorSession {
  const doc = streamToDoc(stream, new Y.Doc());
  const session = createEditorSession({ streamId: 'story', doc, workspace: storyWorkspace });
  if (opts.selected) session.binding.store.select(opts.selected);
  if (opts.diagnostics) session.lint.set(opts.diagnostics);
  return session;
}
