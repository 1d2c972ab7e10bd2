/**
 * Canned replies (SPEC §5): texts an agent inserts in the inbox composer with `/` and a search, with tokens filled
 * from the visitor's attributes (shared/engine/tokens.ts, `renderReplyTokens`). Workspace replies (`ownerId` null)
 * are managed by admins and offered to every agent; personal ones belong to one agent, who alone sees and edits
 * them.
 */
export interface CannedReply {
  id: string;
  /** null: a workspace reply; else the user whose personal reply it is. */
  ownerId: string | null;
  /** What the agent types after `/` to find it (`pricing`). */
  shortcut: string;
  body: string;
  createdAt: number;
  updatedAt: number;
}

export interface CannedReplyInput {
  shortcut: string;
  body: string;
}

export interface CannedReplies {
  /** The workspace's replies and `userId`'s personal ones, workspace first, each by shortcut. */
  list(userId: string): Promise<CannedReply[]>;
  get(id: string): Promise<CannedReply | undefined>;
  /** Stores a new reply unless its owner (the workspace for null) has `max` already: then `full`. */
  create(ownerId: string | null, input: CannedReplyInput, max: number, now?: number): Promise<CannedReply | 'full'>;
  update(id: string, input: CannedReplyInput, now?: number): Promise<CannedReply | undefined>;
  remove(id: string): Promise<boolean>;
}

/** The table, the same SQL on both backends. */
export const cannedRepliesSchema = `
create table canned_replies (
  id text primary key,
  owner_id text,
  shortcut text not null,
  body text not null,
  created_at bigint not null,
  updated_at bigint not null
);
create index canned_replies_owner on canned_replies (owner_id, shortcut);
`;

export const LIST_REPLIES = `select * from canned_replies where owner_id is null or owner_id = ?
  order by case when owner_id is null then 0 else 1 end, shortcut, created_at`;

/** Inserts only while the owner has fewer than the limit (checked inside the transaction that inserts). */
export const INSERT_REPLY = `insert into canned_replies (id, owner_id, shortcut, body, created_at, updated_at)
  select ?, ?, ?, ?, ?, ? where (select count(*) from canned_replies where owner_id is not distinct from ?) < ?`;

export const UPDATE_REPLY = 'update canned_replies set shortcut = ?, body = ?, updated_at = ? where id = ?';

export const toCannedReply = (r: any): CannedReply => ({
  id: r.id,
  ownerId: r.owner_id ?? null,
  shortcut: r.shortcut,
  body: r.body,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});
