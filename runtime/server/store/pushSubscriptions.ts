/**
 * Web Push subscriptions of agents (docs/inbox.md, Notifications): one row per browser push endpoint, kept for the
 * signed-in session that subscribed it. Pushes go only to subscriptions whose session is still valid, so signing
 * out, an expired session, a changed password or a removed user stop them even before the row is deleted.
 */
export interface PushSubscription {
  /** The push service's URL for this browser (unique: a browser has one per application server key). */
  endpoint: string;
  userId: string;
  /** The browser's ECDH public key and auth secret (base64url), for the payload's encryption (RFC 8291). */
  p256dh: string;
  auth: string;
  /** The inbox language the agent had when subscribing: the notifications' texts follow it. */
  lang: string;
  /** The session that subscribed (hash of its token, as `sessions` keeps it). */
  sessionHash: string;
  createdAt: number;
}

export interface PushSubscriptions {
  /** Keeps a subscription; the same endpoint saved again replaces the row (the browser signed in anew). */
  save(s: PushSubscription): Promise<void>;
  /** The user's subscriptions whose session is still signed in at `now`, oldest first. */
  ofUser(userId: string, now?: number): Promise<PushSubscription[]>;
  /** Forgets an endpoint (of `userId` only, when given); false when there was none. */
  remove(endpoint: string, userId?: string): Promise<boolean>;
  /** Forgets the subscriptions a session made (it signed out); resolves with how many. */
  removeSession(sessionHash: string): Promise<number>;
}

/** The table, the same SQL on both backends. */
export const pushSchema = `
create table push_subscriptions (
  endpoint text primary key,
  user_id text not null,
  p256dh text not null,
  auth text not null,
  lang text not null,
  session_hash text not null,
  created_at bigint not null
);
create index push_subscriptions_user on push_subscriptions (user_id);
create index push_subscriptions_session on push_subscriptions (session_hash);
`;

export const SAVE_PUSH = `insert into push_subscriptions (endpoint, user_id, p256dh, auth, lang, session_hash, created_at)
  values (?, ?, ?, ?, ?, ?, ?)
  on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
    lang = excluded.lang, session_hash = excluded.session_hash, created_at = excluded.created_at`;

export const OF_USER = `select p.* from push_subscriptions p join sessions s on s.token_hash = p.session_hash
  where p.user_id = ? and s.user_id = p.user_id and s.expires_at > ? order by p.created_at, p.endpoint`;

export const saveParams = (s: PushSubscription) => [
  s.endpoint,
  s.userId,
  s.p256dh,
  s.auth,
  s.lang,
  s.sessionHash,
  s.createdAt,
];

export const toPush = (r: any): PushSubscription => ({
  endpoint: r.endpoint,
  userId: r.user_id,
  p256dh: r.p256dh,
  auth: r.auth,
  lang: r.lang,
  sessionHash: r.session_hash,
  createdAt: Number(r.created_at),
});
