import type { Database } from 'better-sqlite3';
import { assembleTeams, type Team, type Teams } from '../teams.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteTeams(db: Database, commit: SqliteCommit): Teams {
  const MEMBERS = `select m.team_id, m.user_id from team_members m join users u on u.id = m.user_id`;
  const read = (id?: string): Team[] => {
    const where = id === undefined ? '' : ' where id = ?';
    const args = id === undefined ? [] : [id];
    const teams = db.prepare(`select id, name from teams${where} order by position`).all(...args) as {
      id: string;
      name: string;
    }[];
    const members = db
      .prepare(`${MEMBERS}${id === undefined ? '' : ' where m.team_id = ?'} order by u.position`)
      .all(...args) as { team_id: string; user_id: string }[];
    return assembleTeams(teams, members);
  };
  const setMembers = (id: string, ids: string[]) => {
    db.prepare('delete from team_members where team_id = ?').run(id);
    const ins = db.prepare('insert or ignore into team_members (team_id, user_id) values (?, ?)');
    for (const u of ids) ins.run(id, u);
  };
  return {
    async list() {
      return read();
    },
    async get(id) {
      return read(id)[0];
    },
    create(id, name, memberIds) {
      return commit.queue(() => {
        db.prepare(
          'insert into teams (id, name, position, created_at) values (?, ?, (select coalesce(max(position), -1) + 1 from teams), ?)',
        ).run(id, name, Date.now());
        setMembers(id, memberIds);
        return read(id)[0];
      }, true);
    },
    update(id, patch) {
      return commit.queue(() => {
        if (patch.name !== undefined) db.prepare('update teams set name = ? where id = ?').run(patch.name, id);
        if (patch.members !== undefined) setMembers(id, patch.members);
        return read(id)[0];
      }, true);
    },
    remove(id) {
      return commit.queue(() => db.prepare('delete from teams where id = ?').run(id).changes > 0, true);
    },
    async ofUser(userId) {
      return (
        db.prepare('select team_id from team_members where user_id = ? order by team_id').all(userId) as {
          team_id: string;
        }[]
      ).map((r) => r.team_id);
    },
  };
}
