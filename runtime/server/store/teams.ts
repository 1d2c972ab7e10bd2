import type { Database } from 'better-sqlite3';

export interface Team {
  id: string;
  name: string;
  /** Member user ids in the workspace's stable agent order. */
  members: string[];
}

export function createTeams(db: Database) {
  const members = db.prepare<[string], { user_id: string }>(
    'select m.user_id from team_members m join users u on u.id = m.user_id where m.team_id = ? order by u.position',
  );
  const setMembers = (id: string, ids: string[]) => {
    db.prepare('delete from team_members where team_id = ?').run(id);
    const ins = db.prepare('insert or ignore into team_members (team_id, user_id) values (?, ?)');
    for (const u of ids) ins.run(id, u);
  };
  return {
    list(): Team[] {
      const rows = db.prepare('select id, name from teams order by position').all() as { id: string; name: string }[];
      return rows.map((r) => ({ ...r, members: members.all(r.id).map((m) => m.user_id) }));
    },
    get(id: string): Team | undefined {
      const r = db.prepare('select id, name from teams where id = ?').get(id) as
        { id: string; name: string } | undefined;
      return r && { ...r, members: members.all(r.id).map((m) => m.user_id) };
    },
    create(id: string, name: string, memberIds: string[]): Team {
      const pos = (db.prepare('select coalesce(max(position), -1) + 1 p from teams').get() as { p: number }).p;
      db.prepare('insert into teams (id, name, position, created_at) values (?, ?, ?, ?)').run(
        id,
        name,
        pos,
        Date.now(),
      );
      setMembers(id, memberIds);
      return this.get(id)!;
    },
    update(id: string, patch: { name?: string; members?: string[] }): Team | undefined {
      if (patch.name !== undefined) db.prepare('update teams set name = ? where id = ?').run(patch.name, id);
      if (patch.members !== undefined) setMembers(id, patch.members);
      return this.get(id);
    },
    remove(id: string): boolean {
      return db.prepare('delete from teams where id = ?').run(id).changes > 0;
    },
    /** Teams of one user. */
    ofUser(userId: string): string[] {
      return (
        db.prepare('select team_id from team_members where user_id = ? order by team_id').all(userId) as {
          team_id: string;
        }[]
      ).map((r) => r.team_id);
    },
  };
}

export type Teams = ReturnType<typeof createTeams>;
