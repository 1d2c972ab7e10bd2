import type { Database } from 'better-sqlite3';
import { DEFAULT_APPEARANCE, type Appearance, type AppearanceOverride } from '../../../shared/widget/appearance.ts';
import { newId } from './ids.ts';

/** A site the widget was loaded on: the page's origin, when the loader last asked from it, and the page. */
export interface WidgetSite {
  origin: string;
  lastSeen: number;
  /** The last page of that site that asked (path only: no query string, which may carry personal data). */
  lastPage: string;
  /** Whether the allowed origins let it show the widget at that time. */
  allowed: boolean;
}

export interface WidgetImage {
  type: string;
  data: Buffer;
}

/** The installation check keeps the sites seen most recently, so that forged page URLs cannot fill the store. */
export const MAX_SITES = 100;
const WORKSPACE = '';

/**
 * The widget's own settings: its appearance (the workspace's, and each dialogue's override), the origins allowed
 * to embed it, the sites it was seen loading on, and the pictures uploaded for it. Async like the rest of the
 * store's repositories will be, so that a PostgreSQL backend implements the same interface.
 */
export interface WidgetSettings {
  appearance(): Promise<Appearance>;
  setAppearance(a: Appearance): Promise<void>;
  /** A dialogue's override, or null when it follows the workspace in everything. */
  dialogueAppearance(dialogueId: string): Promise<AppearanceOverride | null>;
  setDialogueAppearance(dialogueId: string, o: AppearanceOverride | null): Promise<void>;
  allowedOrigins(): Promise<string[]>;
  setAllowedOrigins(origins: string[]): Promise<void>;
  sites(): Promise<WidgetSite[]>;
  siteSeen(site: WidgetSite): Promise<void>;
  addImage(img: WidgetImage): Promise<string>;
  image(id: string): Promise<WidgetImage | undefined>;
}

/** The SQLite implementation (tables of migration `runtime/003-widget`). */
export function createWidgetSettings(db: Database): WidgetSettings {
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
  const saveSite = db.transaction((s: WidgetSite) => {
    upsertSite.run(s.origin, s.lastSeen, s.lastPage, +s.allowed);
    pruneSites.run(MAX_SITES);
  });

  return {
    async appearance() {
      const r = getLook.get(WORKSPACE);
      // Fields added later get their defaults on appearances saved before them.
      return { ...DEFAULT_APPEARANCE, ...(r ? (JSON.parse(r.value) as Partial<Appearance>) : {}) };
    },
    async setAppearance(a) {
      putLook.run(WORKSPACE, JSON.stringify(a), Date.now());
    },
    async dialogueAppearance(dialogueId) {
      const r = getLook.get(`d:${dialogueId}`);
      return r ? (JSON.parse(r.value) as AppearanceOverride) : null;
    },
    async setDialogueAppearance(dialogueId, o) {
      if (!o || Object.keys(o).length === 0) dropLook.run(`d:${dialogueId}`);
      else putLook.run(`d:${dialogueId}`, JSON.stringify(o), Date.now());
    },
    async allowedOrigins() {
      const r = getMeta.get('allowedOrigins');
      return r ? (JSON.parse(r.value) as string[]) : [];
    },
    async setAllowedOrigins(origins) {
      putMeta.run('allowedOrigins', JSON.stringify(origins));
    },
    async sites() {
      return (
        db.prepare('select origin, last_seen, last_page, allowed from widget_sites order by last_seen desc').all() as {
          origin: string;
          last_seen: number;
          last_page: string;
          allowed: number;
        }[]
      ).map((r) => ({ origin: r.origin, lastSeen: r.last_seen, lastPage: r.last_page, allowed: !!r.allowed }));
    },
    async siteSeen(site) {
      saveSite(site);
    },
    async addImage(img) {
      const id = newId('img');
      db.prepare('insert into widget_images (id, type, data, created_at) values (?, ?, ?, ?)').run(
        id,
        img.type,
        img.data,
        Date.now(),
      );
      return id;
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
