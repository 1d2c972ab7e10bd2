import { createContext, useContext } from 'react';
import { DraftStore } from '../collab/draftStore.ts';
import { LintStore } from '../lint/lintStore.ts';
import { PresenceStore } from '../presence/presenceStore.ts';
import { ResultsStore } from '../results/resultsStore.ts';
import { EMPTY_WORKSPACE, type Workspace } from '../workspace/workspace.ts';

/** What card views need besides their node: lint, presence and the workspace (agents and teams by name). */
export interface CanvasServices {
  lint: LintStore;
  presence: PresenceStore;
  workspace: Workspace;
  /** The draft, for what a card needs to know about its edges (ports used by an edge the card does not define). */
  draft: DraftStore;
  /** The results overlay (counts on cards and edges while it is on). */
  results: ResultsStore;
  /**
   * Whether the results overlay is on: cards and edges mount their results views (and subscribe to the counts) only
   * then, so a canvas without results holds no per-card results subscription at all.
   */
  resultsOn: boolean;
}

export const CanvasContext = createContext<CanvasServices>({
  lint: new LintStore(),
  presence: new PresenceStore(),
  workspace: EMPTY_WORKSPACE,
  draft: new DraftStore(),
  results: ResultsStore.off(),
  resultsOn: false,
});

export function useCanvasServices(): CanvasServices {
  return useContext(CanvasContext);
}
