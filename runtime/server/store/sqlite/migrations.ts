import type { Database } from 'better-sqlite3';
import { collabMigrations } from '../../collab/migrations.ts';
import { itemRows, runtimeSchema } from './schema.ts';
import { widgetSchema } from './widget.ts';
import { routingJournalSchema } from '../routingSchema.ts';
import { resultsSchema } from '../results.ts';
import { missedAnsweredSchema, missedSchema } from '../missed.ts';
import { retriesSchema } from '../retries.ts';
import { webhookOutboxSchema, webhookRotationSchema, webhooksSchema } from '../webhooks.ts';
import { visitorContextSchema } from '../visitorContext.ts';
import { cannedRepliesSchema } from '../cannedReplies.ts';
import { leadsOrderSchema, leadsSchema } from '../leads.ts';
import { pushSchema } from '../pushSubscriptions.ts';
import { itemKeysSchema } from '../conversations.ts';
import { searchMigration, searchWordsMigration } from './search.ts';
import { itemConvSchema } from './rowsByConversation.ts';

/**
 * A named, append-only schema change. Ids are `module/what` and are recorded in `_migrations` once applied;
 * never edit an applied migration, add a new one (DESIGN.md convention 4).
 */
export interface Migration {
  id: string;
  up(db: Database): void;
}

/**
 * Every migration of the runtime's SQLite store, in the order they run. Modules with their own tables list them
 * here (the co-editing drafts bring theirs as SQL); the runner applies each one once, each in one transaction.
 */
export const MIGRATIONS: Migration[] = [
  { id: 'runtime/001-initial', up: (db) => db.exec(runtimeSchema) },
  { id: 'runtime/002-item-rows', up: (db) => db.exec(itemRows) },
  { id: 'runtime/003-widget', up: (db) => db.exec(widgetSchema) },
  { id: 'runtime/004-routing-journal', up: (db) => db.exec(routingJournalSchema) },
  { id: 'runtime/005-results', up: (db) => db.exec(resultsSchema('integer')) },
  { id: 'runtime/006-missed-chats', up: (db) => db.exec(missedSchema) },
  { id: 'runtime/007-webhooks', up: (db) => db.exec(webhooksSchema('integer', 'integer')) },
  { id: 'runtime/008-visitor-context', up: (db) => db.exec(visitorContextSchema) },
  { id: 'runtime/009-canned-replies', up: (db) => db.exec(cannedRepliesSchema) },
  { id: 'runtime/010-leads', up: (db) => db.exec(leadsSchema('integer', 'integer')) },
  { id: 'runtime/011-push-subscriptions', up: (db) => db.exec(pushSchema) },
  { id: 'runtime/012-search', up: searchMigration },
  { id: 'runtime/013-missed-answered', up: (db) => db.exec(missedAnsweredSchema) },
  { id: 'runtime/014-leads-order', up: (db) => db.exec(leadsOrderSchema) },
  {
    id: 'runtime/015-item-keys',
    up: (db) => {
      db.exec(itemKeysSchema);
      // The keys of entries stored before: the first entry holding a key keeps it.
      db.exec(`insert or ignore into item_keys (conversation_id, sender, client_id, seq)
        select r.conversation_id,
               case e.value ->> '$.type' when 'visitor' then 'v' else 'a:' || (e.value ->> '$.agent.id') end,
               e.value ->> '$.clientId', e.value ->> '$.seq'
        from item_rows r, json_each(r.body) e
        where e.value ->> '$.type' in ('visitor', 'agent', 'note') and coalesce(e.value ->> '$.clientId', '') <> ''
        order by r.id`);
    },
  },
  { id: 'runtime/016-webhook-secret-rotation', up: (db) => db.exec(webhookRotationSchema('integer')) },
  { id: 'runtime/017-search-words', up: searchWordsMigration },
  { id: 'runtime/018-delivery-retries', up: (db) => db.exec(retriesSchema) },
  {
    id: 'runtime/019-webhook-outbox',
    up: (db) => db.exec(webhookOutboxSchema('seq integer primary key, ', 'integer')),
  },
  { id: 'runtime/020-item-conv', up: (db) => db.exec(itemConvSchema) },
  ...collabMigrations.map((m) => ({ id: `collab/${m.name}`, up: (db: Database) => db.exec(m.sql) })),
];
