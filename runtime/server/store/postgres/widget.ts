import type pg from 'pg';
import type { AppearanceOverride } from '../../../../shared/widget/appearance.ts';
import { newId } from '../ids.ts';
import { MAX_SITES, WORKSPACE_SCOPE, dialogueScope, toAppearance, toSite, type WidgetSettings } from '../widget.ts';
import type { PgCommit } from './commit.ts';
import { query } from './pool.ts';

const PUT_LOOK = `insert into widget_appearance (scope, value, updated_at) values ($1, $2, $3)
  on conflict (scope) do update set value = excluded.value, updated_at = excluded.updated_at`;

export function pgWidget(pool: pg.Pool, commit: PgCommit): WidgetSettings {
  const look = async (scope: string) =>
    (await query<{ value: string }>(pool, 'select value from widget_appearance where scope = ?', [scope]))[0]?.value;
  return {
    async appearance() {
      return toAppearance(await look(WORKSPACE_SCOPE));
    },
    setAppearance(a) {
      const json = JSON.stringify(a);
      return commit.queue(async (c) => void (await c.query(PUT_LOOK, [WORKSPACE_SCOPE, json, Date.now()])), true);
    },
    async dialogueAppearance(dialogueId) {
      const v = await look(dialogueScope(dialogueId));
      return v ? (JSON.parse(v) as AppearanceOverride) : null;
    },
    setDialogueAppearance(dialogueId, o) {
      const scope = dialogueScope(dialogueId);
      const json = o && Object.keys(o).length > 0 ? JSON.stringify(o) : undefined;
      return commit.queue(async (c) => {
        if (json) await c.query(PUT_LOOK, [scope, json, Date.now()]);
        else await c.query('delete from widget_appearance where scope = $1', [scope]);
      }, true);
    },
    async allowedOrigins() {
      const [r] = await query<{ value: string }>(pool, "select value from meta where key = 'allowedOrigins'");
      return r ? (JSON.parse(r.value) as string[]) : [];
    },
    setAllowedOrigins(origins) {
      const json = JSON.stringify(origins);
      return commit.queue(async (c) => {
        await c.query(
          "insert into meta (key, value) values ('allowedOrigins', $1) on conflict (key) do update set value = excluded.value",
          [json],
        );
      }, true);
    },
    async sites() {
      return (
        await query(pool, 'select origin, last_seen, last_page, allowed from widget_sites order by last_seen desc')
      ).map(toSite);
    },
    siteSeen(s) {
      return commit.queue(async (c) => {
        await c.query(
          `insert into widget_sites (origin, last_seen, last_page, allowed) values ($1, $2, $3, $4)
           on conflict (origin) do update set last_seen = excluded.last_seen, last_page = excluded.last_page,
             allowed = excluded.allowed`,
          [s.origin, s.lastSeen, s.lastPage, s.allowed],
        );
        await c.query(
          'delete from widget_sites where origin not in (select origin from widget_sites order by last_seen desc limit $1)',
          [MAX_SITES],
        );
      }, true);
    },
    addImage(img) {
      const id = newId('img');
      return commit.queue(async (c) => {
        await c.query('insert into widget_images (id, type, data, created_at) values ($1, $2, $3, $4)', [
          id,
          img.type,
          img.data,
          Date.now(),
        ]);
        return id;
      }, true);
    },
    async image(id) {
      const [r] = await query<{ type: string; data: Buffer }>(
        pool,
        'select type, data from widget_images where id = ?',
        [id],
      );
      return r && { type: r.type, data: r.data };
    },
  };
}
