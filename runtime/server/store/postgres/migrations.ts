import type pg from 'pg';
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
import { runtimeSchema } from './schema.ts';
import { pgSearchMigration, pgSearchPartsMigration } from './search.ts';

/** A schema change on PostgreSQL: numbered per backend, append-only (never edit one that shipped). */
export interface PgMigration {
  id: string;
  up(client: pg.PoolClient): Promise<unknown>;
}

export const PG_MIGRATIONS: PgMigration[] = [
  { id: 'runtime/001-initial', up: (c) => c.query(runtimeSchema) },
  { id: 'runtime/002-routing-journal', up: (c) => c.query(routingJournalSchema) },
  { id: 'runtime/003-results', up: (c) => c.query(resultsSchema('bigint')) },
  { id: 'runtime/004-missed-chats', up: (c) => c.query(missedSchema) },
  { id: 'runtime/005-webhooks', up: (c) => c.query(webhooksSchema('bigint', 'boolean')) },
  { id: 'runtime/006-visitor-context', up: (c) => c.query(visitorContextSchema) },
  { id: 'runtime/007-canned-replies', up: (c) => c.query(cannedRepliesSchema) },
  { id: 'runtime/008-leads', up: (c) => c.query(leadsSchema('bigint', 'bigserial')) },
  { id: 'runtime/009-push-subscriptions', up: (c) => c.query(pushSchema) },
  { id: 'runtime/010-search', up: pgSearchMigration },
  { id: 'runtime/011-missed-answered', up: (c) => c.query(missedAnsweredSchema) },
  { id: 'runtime/012-leads-order', up: (c) => c.query(leadsOrderSchema) },
  {
    id: 'runtime/013-item-keys',
    up: async (c) => {
      await c.query(itemKeysSchema);
      // The keys of entries stored before: the first entry holding a key keeps it.
      await c.query(`insert into item_keys (conversation_id, sender, client_id, seq)
        select r.conversation_id,
               case e ->> 'type' when 'visitor' then 'v' else 'a:' || (e -> 'agent' ->> 'id') end,
               e ->> 'clientId', (e ->> 'seq')::int
        from item_rows r, jsonb_array_elements(r.body::jsonb) e
        where e ->> 'type' in ('visitor', 'agent', 'note') and coalesce(e ->> 'clientId', '') <> ''
        order by r.id
        on conflict do nothing`);
    },
  },
  { id: 'runtime/014-webhook-secret-rotation', up: (c) => c.query(webhookRotationSchema('bigint')) },
  { id: 'runtime/015-search-parts', up: pgSearchPartsMigration },
  { id: 'runtime/016-delivery-retries', up: (c) => c.query(retriesSchema) },
  { id: 'runtime/017-webhook-outbox', up: (c) => c.query(webhookOutboxSchema('', 'bigint')) },
];
