import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import { CONVERSATION_COLS, camel, conversationParams, itemRowBody, type ConversationRecord } from './conversations.ts';
import { migrate as pgMigrate } from './postgres/migrate.ts';
import { PG_MIGRATIONS } from './postgres/migrations.ts';
import { migrate as sqliteMigrate } from './sqlite/migrate.ts';
import { MIGRATIONS } from './sqlite/migrations.ts';
import { catchUpRowsByConversation } from './sqlite/rowsByConversation.ts';

/**
 * A stored workspace of `n` conversations for the search test and benchmark (docs/search.md): one visitor each
 * (a name from 200 × 200, an email with the conversation's number), two transcript rows (a visitor message and an
 * agent reply of words drawn from a 5,000-word vocabulary, a few Korean), in bulk: the rows are written with the
 * migrations before the search migration, then the search migration backfills the index of all of them (so the
 * backfill is exercised at this size too). Deterministic: conversation `i` is the same in every run.
 */
export interface Corpus {
  /** Visitor `i`'s first and last name and email. */
  person(i: number): { first: string; last: string; email: string };
  /** The vocabulary's `k`-th word (lower `k`: more frequent). */
  word(k: number): string;
  /** Conversation `i`'s id; started at `STARTED + i` ms. */
  id(i: number): string;
}

const SEARCH_MIGRATION = /^runtime\/\d+-search/;
const STARTED = 1_700_000_000_000;

const syllables = ['ka', 'lo', 'mi', 'ra', 'ne', 'so', 'tu', 'vi', 'de', 'ju', 'ba', 're', 'po', 'li', 'sa', 'no'];
const hangul = ['서울', '환불', '배송', '문의', '가격', '주문', '결제', '상담', '예약', '취소'];
const name = (k: number, salt: number) =>
  syllables[k % 16] + syllables[(k >> 4) % 16] + syllables[(k * 7 + salt) % 16] + (k >= 256 ? 'x' : '');

export const corpus: Corpus = {
  person(i) {
    const first = name(i % 200, 1);
    const last = name(Math.floor(i / 200) % 200, 5);
    return { first, last, email: `${first}.${last}${i}@mail${i % 50}.example` };
  },
  word(k) {
    return k < hangul.length ? hangul[k] : `w${name(k % 256, 3)}${Math.floor(k / 256)}`;
  },
  id: (i) => `c_${i.toString(36).padStart(5, '0')}`,
};

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words with a Zipf-like skew: word `k` about 1/(k+1) as often as the first. */
function sentence(rnd: () => number, words: number): string {
  const out: string[] = [];
  for (let j = 0; j < words; j++) out.push(corpus.word(Math.floor(Math.exp(rnd() * Math.log(5000))) - 1));
  return out.join(' ');
}

interface Rows {
  visitor: [string, string, number, number];
  conversation: ConversationRecord;
  items: [string, number, number, string][];
}

function* rows(n: number): Generator<Rows> {
  const rnd = random(42);
  for (let i = 0; i < n; i++) {
    const p = corpus.person(i);
    const id = corpus.id(i);
    const at = STARTED + i;
    const visitorItem = { type: 'visitor', seq: 2, at, clientId: 'k1', text: sentence(rnd, 8) } as TranscriptItem;
    const agentItem = {
      type: 'agent',
      seq: 3,
      at,
      clientId: 'k2',
      agent: { id: 'u_1', name: 'Agent' },
      text: sentence(rnd, 8),
    } as TranscriptItem;
    const bot = { type: 'bot', seq: 1, at, cardId: 'hello', text: `Hi ${p.first}!` } as TranscriptItem;
    yield {
      visitor: [`v_${i}`, JSON.stringify({ firstName: `${p.first} ${p.last}`, email: p.email }), at, at],
      conversation: {
        id,
        visitorId: `v_${i}`,
        dialogueId: 'd_1',
        streamId: i % 2 ? 's_1' : 's_2',
        version: 1,
        status: 'ended',
        engine: {},
        agentId: `u_${i % 10}`,
        routing: null,
        lastSeq: 3,
        engaged: true,
        agentDelivered: 0,
        agentRead: 0,
        visitorDelivered: 0,
        visitorRead: 0,
        startedAt: at,
        updatedAt: at,
        connectedAt: at,
        endedAt: at,
        endReason: 'completed',
      },
      items: [
        [id, 1, 2, itemRowBody([bot, visitorItem])],
        [id, 3, 3, itemRowBody([agentItem])],
      ],
    };
  }
}

/** Fills `DATA_DIR/tributary.db` in `dataDir` with `n` conversations, indexed by the search migration. */
export function fillSqlite(dataDir: string, n: number): void {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'tributary.db'));
  db.pragma('journal_mode = WAL');
  sqliteMigrate(
    db,
    MIGRATIONS.filter((m) => !SEARCH_MIGRATION.test(m.id)),
  );
  const v = db.prepare('insert into visitors (id, profile, created_at, last_seen) values (?, ?, ?, ?)');
  const c = db.prepare(
    `insert into conversations (${CONVERSATION_COLS.join(', ')})
     values (${CONVERSATION_COLS.map((col) => `@${camel(col)}`).join(', ')})`,
  );
  const r = db.prepare('insert into item_rows (conversation_id, seq, last_seq, body) values (?, ?, ?, ?)');
  db.transaction(() => {
    for (const row of rows(n)) {
      v.run(...row.visitor);
      c.run({ ...conversationParams(row.conversation), engaged: 1 });
      for (const item of row.items) r.run(...item);
    }
  })();
  // The rows' entries by conversation, as a store that opens after a crash writes them.
  catchUpRowsByConversation(db);
  sqliteMigrate(db, MIGRATIONS);
  db.close();
}

/** Fills the PostgreSQL database at `url` with `n` conversations, indexed by the search migration. */
export async function fillPostgres(url: string, n: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pgMigrate(
      pool,
      PG_MIGRATIONS.filter((m) => !SEARCH_MIGRATION.test(m.id)),
    );
    let batch: Rows[] = [];
    const flush = async () => {
      const col = <T>(f: (r: Rows) => T) => batch.map(f);
      await pool.query(
        'insert into visitors (id, profile, created_at, last_seen) select * from unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])',
        [0, 1, 2, 3].map((k) => col((r) => r.visitor[k])),
      );
      const params = batch.map((r) => conversationParams(r.conversation) as unknown as Record<string, unknown>);
      await pool.query(
        `insert into conversations (${CONVERSATION_COLS.join(', ')})
         select ${CONVERSATION_COLS.join(', ')} from json_populate_recordset(null::conversations, $1::json)`,
        [JSON.stringify(params.map((p) => Object.fromEntries(CONVERSATION_COLS.map((k) => [k, p[camel(k)]]))))],
      );
      const items = batch.flatMap((r) => r.items);
      await pool.query(
        'insert into item_rows (conversation_id, seq, last_seq, body) select * from unnest($1::text[], $2::int[], $3::int[], $4::text[])',
        [0, 1, 2, 3].map((k) => items.map((i) => i[k])),
      );
      batch = [];
    };
    for (const row of rows(n)) {
      batch.push(row);
      if (batch.length === 5000) await flush();
    }
    if (batch.length) await flush();
    await pgMigrate(pool, PG_MIGRATIONS);
    // As a database in use is (autovacuum): statistics, and the rows' commit status written into their pages, so
    // that the first reads of the search and of the scan do not write pages.
    await pool.query('vacuum analyze');
  } finally {
    await pool.end();
  }
}
