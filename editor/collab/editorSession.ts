import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LintStore } from '../lint/lintStore.ts';
import { PresenceStore } from '../presence/presenceStore.ts';
import { EMPTY_WORKSPACE, type Workspace } from '../workspace/workspace.ts';
import { DraftBinding } from './draftBinding.ts';

/**
 * Everything one open stream needs, built once per stream: the doc binding (store + undo), lint and presence stores,
 * the awareness of the co-editing connection (absent in stories and benchmarks) and the workspace.
 */
export interface EditorSession {
  streamId: string;
  doc: Y.Doc;
  binding: DraftBinding;
  lint: LintStore;
  presence: PresenceStore;
  awareness?: Awareness;
  workspace: Workspace;
}

export function createEditorSession(opts: {
  streamId: string;
  doc?: Y.Doc;
  awareness?: Awareness;
  workspace?: Workspace;
}): EditorSession {
  const doc = opts.doc ?? new Y.Doc();
  return {
    streamId: opts.streamId,
    doc,
    binding: new DraftBinding(doc),
    lint: new LintStore(),
    presence: new PresenceStore(),
    awareness: opts.awareness,
    workspace: opts.workspace ?? EMPTY_WORKSPACE,
  };
}
