/**
 * The runtime's tables (migration `runtime/001-initial`). JSON columns hold values whose shape is owned by a
 * schema elsewhere (engine state, transcript entries, routing records); times are epoch ms.
 */
export const runtimeSchema = `
create table meta (key text primary key, value text not null);

create table users (
  id text primary key,
  email text not null unique collate nocase,
  name text not null,
  password_hash text not null,
  roles text not null,
  can_publish integer not null default 0,
  live_chat integer not null default 0,
  view_all integer not null default 0,
  status text not null default 'offline',
  avatar blob,
  avatar_type text,
  avatar_version integer not null default 0,
  position integer not null,
  created_at integer not null
);

create table sessions (
  token_hash text primary key,
  user_id text not null references users(id) on delete cascade,
  created_at integer not null,
  expires_at integer not null
);

create table teams (id text primary key, name text not null, position integer not null, created_at integer not null);
create table team_members (
  team_id text not null references teams(id) on delete cascade,
  user_id text not null references users(id) on delete cascade,
  primary key (team_id, user_id)
);

create table custom_attributes (name text primary key, label text not null, created_at integer not null);

create table streams (
  id text primary key,
  name text not null,
  created_at integer not null,
  updated_at integer not null,
  created_by text
);

-- No foreign key to streams: a version outlives its stream, because conversations stay pinned to it.
create table stream_versions (
  stream_id text not null,
  version integer not null,
  hash text not null,
  compiled text not null,
  source text not null,
  published_at integer not null,
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
  show_once integer not null,
  active integer not null,
  created_at integer not null,
  updated_at integer not null
);

create table visitors (id text primary key, profile text not null, created_at integer not null, last_seen integer not null);

-- What a visitor has seen of each dialogue: show-once and "a completed dialogue is not shown again".
create table visitor_dialogues (
  visitor_id text not null,
  dialogue_id text not null,
  triggered_at integer,
  completed_at integer,
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
  engaged integer not null default 0,
  agent_delivered integer not null default 0,
  agent_read integer not null default 0,
  visitor_delivered integer not null default 0,
  visitor_read integer not null default 0,
  started_at integer not null,
  updated_at integer not null,
  connected_at integer,
  ended_at integer,
  end_reason text
);
create index conversations_visitor on conversations (visitor_id, started_at);
create index conversations_agent on conversations (agent_id, started_at);
create index conversations_open on conversations (status) where status <> 'ended';

create table items (
  conversation_id text not null,
  seq integer not null,
  at integer not null,
  type text not null,
  body text not null,
  sender text,
  client_id text,
  primary key (conversation_id, seq)
) without rowid;
create unique index items_client on items (conversation_id, sender, client_id) where client_id is not null;

create table decisions (
  id integer primary key,
  at integer not null,
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

-- Every event the routing engine was fed, for the what-if replay.
create table routing_log (id integer primary key, at integer not null, event text not null);
create index routing_log_at on routing_log (at);

create table callbacks (
  id integer primary key,
  at integer not null,
  conversation_id text,
  dialogue_id text,
  visitor_id text,
  name text not null,
  data text not null
);
create index callbacks_dialogue on callbacks (dialogue_id, name);
`;

/**
 * Migration `runtime/002-item-rows`: the entries a conversation gets in one event-loop turn (a reply, the bot's
 * answer to it) are stored as one row, `seq`..`last_seq`, body a JSON array, in insertion order (a rowid table)
 * with an index by conversation. Measured on a visitor step: three clustered rows cost about four times the CPU
 * of one appended row, because interleaved conversations dirtied a page each and every row paid its indexes.
 * Client ids stay inside the entries (`clientId`) and are checked in memory, loaded with the conversation.
 */
export const itemRows = `
create table item_rows (
  id integer primary key,
  conversation_id text not null,
  seq integer not null,
  last_seq integer not null,
  body text not null
);
insert into item_rows (conversation_id, seq, last_seq, body)
  select conversation_id, seq, seq, '[' || body || ']' from items order by at, conversation_id, seq;
drop table items;
create unique index item_rows_seq on item_rows (conversation_id, seq);
`;
