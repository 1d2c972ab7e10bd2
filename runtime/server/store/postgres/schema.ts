/**
 * The runtime's tables on PostgreSQL (migration `runtime/001-initial`): the same tables and columns as on SQLite
 * (store/sqlite/schema.ts, after its `runtime/002-item-rows`), in PostgreSQL's types: epoch milliseconds and ids
 * as bigint, flags as boolean, JSON as text (parsed by the shared row mappings, as on SQLite), bytes as bytea.
 */
export const runtimeSchema = `
create table meta (key text primary key, value text not null);

create table users (
  id text primary key,
  email text not null,
  name text not null,
  password_hash text not null,
  roles text not null,
  can_publish boolean not null default false,
  live_chat boolean not null default false,
  view_all boolean not null default false,
  status text not null default 'offline',
  avatar bytea,
  avatar_type text,
  avatar_version integer not null default 0,
  position integer not null,
  created_at bigint not null
);
-- Emails compare case-insensitively (SQLite: collate nocase).
create unique index users_email on users (lower(email));

create table sessions (
  token_hash text primary key,
  user_id text not null references users(id) on delete cascade,
  created_at bigint not null,
  expires_at bigint not null
);
create index sessions_user on sessions (user_id);

create table teams (id text primary key, name text not null, position integer not null, created_at bigint not null);
create table team_members (
  team_id text not null references teams(id) on delete cascade,
  user_id text not null references users(id) on delete cascade,
  primary key (team_id, user_id)
);
create index team_members_user on team_members (user_id);

create table custom_attributes (name text primary key, label text not null, created_at bigint not null);

create table streams (
  id text primary key,
  name text not null,
  created_at bigint not null,
  updated_at bigint not null,
  created_by text
);

-- No foreign key to streams: a version outlives its stream, because conversations stay pinned to it.
create table stream_versions (
  stream_id text not null,
  version integer not null,
  hash text not null,
  compiled text not null,
  source text not null,
  published_at bigint not null,
  published_by text,
  primary key (stream_id, version)
);

create table dialogues (
  id text primary key,
  name text not null,
  stream_id text not null,
  include_urls text not null,
  exclude_urls text not null,
  priority integer not null,
  triggers text not null,
  show_once boolean not null,
  active boolean not null,
  created_at bigint not null,
  updated_at bigint not null
);

create table visitors (id text primary key, profile text not null, created_at bigint not null, last_seen bigint not null);

create table visitor_dialogues (
  visitor_id text not null,
  dialogue_id text not null,
  triggered_at bigint,
  completed_at bigint,
  primary key (visitor_id, dialogue_id)
);

create table conversations (
  id text primary key,
  visitor_id text not null,
  dialogue_id text not null,
  stream_id text not null,
  version integer not null,
  status text not null,
  engine text not null,
  agent_id text,
  routing text,
  last_seq integer not null default 0,
  engaged boolean not null default false,
  agent_delivered integer not null default 0,
  agent_read integer not null default 0,
  visitor_delivered integer not null default 0,
  visitor_read integer not null default 0,
  started_at bigint not null,
  updated_at bigint not null,
  connected_at bigint,
  ended_at bigint,
  end_reason text
);
create index conversations_visitor on conversations (visitor_id, started_at);
create index conversations_agent on conversations (agent_id, started_at);
create index conversations_open on conversations (status) where status <> 'ended';

-- A conversation's entries of one turn as one row (seq..last_seq, a JSON array), as on SQLite.
create table item_rows (
  id bigserial primary key,
  conversation_id text not null,
  seq integer not null,
  last_seq integer not null,
  body text not null
);
create unique index item_rows_seq on item_rows (conversation_id, seq);

create table decisions (
  id bigserial primary key,
  at bigint not null,
  conversation_id text not null,
  event text not null,
  agent_id text,
  reason text,
  why text not null,
  body text not null
);
create index decisions_at on decisions (at);
create index decisions_conversation on decisions (conversation_id, at);
create index decisions_agent on decisions (agent_id, at);

create table routing_log (id bigserial primary key, at bigint not null, event text not null);
create index routing_log_at on routing_log (at);

create table callbacks (
  id bigserial primary key,
  at bigint not null,
  conversation_id text,
  dialogue_id text,
  visitor_id text,
  name text not null,
  data text not null
);
create index callbacks_dialogue on callbacks (dialogue_id, name);

-- The co-editing drafts (collab/drafts.ts): updates as received, and merged rows by level.
create table collab_update (
  id bigserial primary key,
  stream_id text not null,
  level integer not null,
  data bytea not null
);
create index collab_update_stream on collab_update (stream_id, level, id);
create table collab_log (
  id bigserial primary key,
  stream_id text not null,
  data bytea not null
);
create index collab_log_stream on collab_log (stream_id, id);

-- The widget's settings (store/widget.ts): appearance by scope ('' the workspace's, d:<id> a dialogue's), the sites
-- it was seen loading on, and its pictures.
create table widget_appearance (scope text primary key, value text not null, updated_at bigint not null);
create table widget_sites (origin text primary key, last_seen bigint not null, last_page text not null, allowed boolean not null);
create index widget_sites_seen on widget_sites (last_seen);
create table widget_images (id text primary key, type text not null, data bytea not null, created_at bigint not null);
`;
