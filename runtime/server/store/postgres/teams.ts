import type pg from 'pg';
import { assembleTeams, type Teams } from '../teams.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

export function pgTeams(pool: pg.Pool, commit: PgCommit): Teams {
  const read = async (db: pg.Pool | pg.PoolClient, id?: string) => {
    const one = id !== undefined;
    const [teams, members] = await Promise.all([
      query<{ id: string; name: string }>(
        db,
        `select id, name from teams${one ? ' where id = ?' : ''} order by position`,
        one ? [id] : [],
      ),
      query<{ team_id: string; user_id: string }>(
        db,
        `select m.team_id, m.user_id from team_members m join users u on u.id = m.user_id${one ? ' where m.team_id = ?' : ''} order by u.position`,
        one ? [id] : [],
      ),
    ]);
    return assembleTeams(teams, members);
  };
  const setMembers = async (c: pg.PoolClient, id: string, ids: string[]) => {
    await query(c, 'delete from team_members where team_id = ?', [id]);
    if (ids.length)
      await query(c, 'insert into team_members (team_id, user_id) select ?, unnest(?::text[]) on conflict do nothing', [
        id,
        ids,
      ]);
  };
  return {
    list: () => read(pool),
    async get(id) {
      return (await read(pool, id))[0];
    },
    create(id, name, memberIds) {
      return commit.queue(async (c) => {
        await query(
          c,
          'insert into teams (id, name, position, created_at) values (?, ?, (select coalesce(max(position), -1) + 1 from teams), ?)',
          [id, name, Date.now()],
        );
        await setMembers(c, id, memberIds);
        return (await read(c, id))[0];
      }, true);
    },
    update(id, patch) {
      return commit.queue(async (c) => {
        if (patch.name !== undefined) await query(c, 'update teams set name = ? where id = ?', [patch.name, id]);
        if (patch.members !== undefined) await setMembers(c, id, patch.members);
        return (await read(c, id))[0];
      }, true);
    },
    remove(id) {
      return commit.queue(async (c) => (await c.query('delete from teams where id = $1', [id])).rowCount! > 0, true);
    },
    async ofUser(userId) {
      return (
        await query<{ team_id: string }>(pool, 'select team_id from team_members where user_id = ? order by team_id', [
          userId,
        ])
      ).map((r) => r.team_id);
    },
  };
}
