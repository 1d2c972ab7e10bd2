import { STANDARD_ATTRIBUTES } from '../../shared/stream/attributes.ts';

export interface Agent {
  id: string;
  name: string;
  email?: string;
  teams?: string[];
}

export interface Team {
  id: string;
  name: string;
}

/** What the editor knows about the workspace: used by the inspector pickers and by context-dependent lint. */
export interface Workspace {
  agents: Agent[];
  teams: Team[];
  /** Custom attributes an admin defined (the standard ones are always there). */
  customAttributes: string[];
}

export const EMPTY_WORKSPACE: Workspace = { agents: [], teams: [], customAttributes: [] };

/** Standard then custom attribute names, without duplicates. */
export function workspaceAttributes(ws: Workspace): string[] {
  return [...new Set<string>([...STANDARD_ATTRIBUTES, ...ws.customAttributes])];
}
