import { createContext, useContext } from 'react';
import { LintStore } from '../lint/lintStore.ts';
import { PresenceStore } from '../presence/presenceStore.ts';
import { EMPTY_WORKSPACE, type Workspace } from '../workspace/workspace.ts';

/** What card views need besides their node: lint, presence and the workspace (agents and teams by name). */
export interface CanvasServices {
  lint: LintStore;
  presence: PresenceStore;
  workspace: Workspace;
}

export const CanvasContext = createContext<CanvasServices>({
  lint: new LintStore(),
  presence: new PresenceStore(),
  workspace: EMPTY_WORKSPACE,
});

export function useCanvasServices(): CanvasServices {
  return useContext(CanvasContext);
}
