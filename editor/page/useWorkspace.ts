import { useEffect, useState } from 'react';
import { streamsApi } from '../api/streams.ts';
import { EMPTY_WORKSPACE, type Workspace } from '../workspace/workspace.ts';
import { STANDARD_ATTRIBUTES } from '../../shared/stream/attributes.ts';

/** Agents, teams and custom attributes of the workspace (for the routing picker, tokens and lint). */
export function useWorkspace(): Workspace {
  const [ws, setWs] = useState<Workspace>(EMPTY_WORKSPACE);
  useEffect(() => {
    let live = true;
    void Promise.all([
      streamsApi.agents().catch(() => []),
      streamsApi.teams().catch(() => []),
      streamsApi
        .attributes()
        .then((a) => a.custom.map((c) => c.name))
        .catch(() => [] as string[]),
    ]).then(([agents, teams, attributes]) => {
      if (!live) return;
      const names = attributes.filter((n) => !(STANDARD_ATTRIBUTES as readonly string[]).includes(n));
      setWs({
        agents: agents.map((a) => ({ id: a.id, name: a.name || a.id, teams: a.teams })),
        teams: teams.map((x) => ({ id: x.id, name: x.name || x.id })),
        customAttributes: names,
      });
    });
    return () => {
      live = false;
    };
  }, []);
  return ws;
}
