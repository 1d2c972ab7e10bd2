export interface Team {
  id: string;
  name: string;
  /** Member user ids in the workspace's stable agent order. */
  members: string[];
}

/** Teams of agents (part of the workspace aggregate). Writes resolve once durable. */
export interface Teams {
  list(): Promise<Team[]>;
  get(id: string): Promise<Team | undefined>;
  create(id: string, name: string, memberIds: string[]): Promise<Team>;
  update(id: string, patch: { name?: string; members?: string[] }): Promise<Team | undefined>;
  remove(id: string): Promise<boolean>;
  /** Ids of the teams of one user. */
  ofUser(userId: string): Promise<string[]>;
}

/** Teams with their members from rows of `teams` and `team_members` (joined with users, in user order). */
export function assembleTeams(
  teams: { id: string; name: string }[],
  members: { team_id: string; user_id: string }[],
): Team[] {
  const byTeam = new Map<string, string[]>(teams.map((t) => [t.id, []]));
  for (const m of members) byTeam.get(m.team_id)?.push(m.user_id);
  return teams.map((t) => ({ id: t.id, name: t.name, members: byTeam.get(t.id)! }));
}
