import type { Database } from 'better-sqlite3';
import type { AppearanceOverride } from '../../../../shared/widget/appearance.ts';
import { newId } from '../ids.ts';
import { MAX_SITES, WORKSPACE_SCOPE, dialogueScope, toAppearance, toSite, type WidgetSettings } from '../widget.ts';
import type { SqliteCommit } from './commit.ts';

export function sqliteWidget(db: Database, commit: SqliteCommit): WidgetSettings {
  const getLook = db.prepare<[string], { value: string }>('select value from widget_appearance where scope = ?');
  const putLook = db.prepare(
    `insert into widget_appearance (scope, value, updated_at) values (?, ?, ?)
     on conflict (scope) do update set value = excluded.value, updated_at = excluded.updated_at`,
  );
  const dropLook = db.prepare('delete from widget_appearance where scope = ?');
  const getMeta = db.prepare<[string], { value: string }>('select value from meta where key = ?');
  const putMeta = db.prepare(
    'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  const upsertSite = db.prepare(
    `insert into widget_sites (origin, last_seen, last_page, allowed) values (?, ?, ?, ?)
     on conflict (origin) do update set last_seen = excluded.last_seen, last_page = excluded.last_page,
       allowed = excluded.allowed`,
  );
  const pruneSites = db.prepare(
    'delete from widget_sites where origin not in (select origin from widget_sites order by last_seen desc limit ?)',
  );
  return {
    async appearance() {
      return toAppearance(getLook.get(WORKSPACE_SCOPE)?.value);
    },
    setAppearance(a) {
      const json = JSON.stringify(a);
      return commit.queue(() => void putLook.run(WORKSPACE_SCOPE, json, Date.now()), true);
    },
    async dialogueAppearance(dialogueId) {
      const r = getLook.get(dialogueScope(dialogueId));
      return r ? (JSON.parse(r.value) as AppearanceOverride) : null;
    },
    setDialogueAppearance(dialogueId, o) {
      const scope = dialogueScope(dialogueId);
      const json = o && Object.keys(o).length > 0 ? JSON.stringify(o) : undefined;
      return commit.queue(() => void (json ? putLook.run(scope, json, Date.now()) : dropLook.run(scope)), true);
    },
    async allowedOrigins() {
      const r = getMeta.get('allowedOrigins');
      return r ? (JSON.parse(r.value) as string[]) : [];
    },
    setAllowedOrigins(origins) {
      const json = JSON.stringify(origins);
      return commit.queue(() => void putMeta.run('allowedOrigins', json), true);
    },
    async sites() {
      return (
        db.prepare('select origin, last_seen, last_page, allowed from widget_sites order by last_seen desc').all() as {
          origin: string;
          last_seen: number;
          last_page: string;
          allowed: number;
        }[]
      ).map(toSite);
    },
    siteSeen(s) {
      return commit.queue(() => {
        upsertSite.run(s.origin, s.lastSeen, s.lastPage, +s.allowed);
        pruneSites.run(MAX_SITES);
      }, true);
    },
    addImage(img) {
      const id = newId('img');
      return commit.queue(() => {
        db.prepare('insert into widget_images (id, type, data, created_at) values (?, ?, ?, ?)').run(
          id,
          img.type,
          img.data,
          Date.now(),
        );
        return id;
      }, true);
    },
    async image(id) {
      const r = db.prepare('select type, data from widget_images where id = ?').get(id) as
        { type: string; data: Buffer } | undefined;
      return r && { type: r.type, data: r.data };
    },
  };
}

/** Migration `runtime/003-widget`. `scope` is '' for the workspace's appearance, `d:<dialogue id>` for a dialogue's. */
export const widgetSchema = `
create table widget_appearance (scope text primary key, value text not null, updated_at integer not null);
create table widget_sites (origin text primary key, last_seen integer not null, last_page text not null, allowed integer not null);
create index widget_sites_seen on widget_sites (last_seen);
create table widget_images (id text primary key, type text not null, data blob not null, created_at integer not null);
`;
