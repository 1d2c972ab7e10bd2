import { useEffect } from 'react';
import type { LintContext } from '../../shared/lint/index.ts';
import { streamsApi } from '../api/streams.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { startLiveLint } from '../lint/liveLint.ts';
import type { Workspace } from '../workspace/workspace.ts';

/**
 * Runs live lint for the session with the workspace context: the server's lint context for the stream when it has
 * one (agents, teams, custom attributes, dialogue), else what the editor loaded itself.
 */
export function useLiveLint(session: EditorSession | undefined, workspace: Workspace): void {
  useEffect(() => {
    if (!session) return;
    const live = startLiveLint(session.binding.store, session.lint, {
      agents: workspace.agents,
      teams: workspace.teams,
      customAttributes: workspace.customAttributes,
    });
    let stopped = false;
    streamsApi
      .lintContext(session.streamId)
      .then((ctx) => {
        // Publishing-only rules are left to publish: the editor lints the draft as it is being built.
        if (!stopped && ctx && typeof ctx === 'object') live.setContext({ ...(ctx as LintContext), publishing: false });
      })
      .catch(() => {});
    return () => {
      stopped = true;
      live.stop();
    };
  }, [session, workspace]);
}
