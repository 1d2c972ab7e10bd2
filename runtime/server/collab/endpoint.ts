import type { WebSocketBehavior } from 'uws';
import * as Y from 'yjs';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { FANOUT, type Drafts } from './drafts.ts';
import { Confirmations, type DecodedUpdate } from './confirmations.ts';
import { encodeFrame } from './encode.ts';
import { createDraftMigrator } from './migrateDraft.ts';
import {
  isEmptyStateVector,
  isEmptyUpdate,
  parseClientMessage,
  ProtocolError,
  type ClientMessage,
} from './protocol.ts';
import { Room, type CollabConn, type CollabSocket, type Editor } from './room.ts';
import { createUpgrade, type Authorize } from './upgrade.ts';

export interface CollabMetrics {
  opened?(): void;
  closed?(code: number): void;
  /** An update was stored (called once it is durable). */
  stored?(bytes: number): void;
}

export interface CollabLimits {
  /** Largest frame a client may send; uWS closes the socket (1009) past it. A whole offline draft arrives as
   * one sync step 2, so this bounds the size of a draft. Default 16 MiB. */
  maxPayloadLength?: number;
  /** Bytes a socket may have waiting to be sent before it is closed with CLOSE.slowConsumer. Default 32 MiB. */
  maxBufferedBytes?: number;
  /** Seconds without traffic before uWS drops a socket; pings go out automatically. Default 60. */
  idleTimeout?: number;
}

export interface CollabOptions {
  drafts: Drafts;
  authorize: Authorize;
  /** Whether the stream exists (unknown ones close with CLOSE.notFound). Default: it has a draft. */
  streamExists?: (streamId: string) => boolean | Promise<boolean>;
  metrics?: CollabMetrics;
  /** Called whenever the set of people editing a stream changes (an empty list when the last one leaves). */
  onPresence?: (streamId: string, editors: Editor[]) => void;
  onError?: (err: unknown, where: string) => void;
  limits?: CollabLimits;
}

export interface CollabBehavior extends WebSocketBehavior<CollabConn> {
  /** Who has the stream open now (for the stream list's "who is editing"). */
  editors(streamId: string): Editor[];
  /** Streams someone has open now. */
  openStreams(): string[];
  /** Closes every socket of a stream (e.g. it was deleted: CLOSE.notFound). */
  closeStream(streamId: string, code?: number, reason?: string): void;
  /** Closes every socket (shutdown: CLOSE.goingAway). Flush the group commit afterwards. */
  closeAll(code?: number, reason?: string): void;
  /** Closes the sockets of one person, or of one of their sign-in sessions (sign-out, removal: CLOSE.sessionEnded). */
  /** Closes the sockets matching all given fields (`exceptSession`: every session but that one). */
  closeWhere(
    match: { userId?: string; session?: string; exceptSession?: string },
    code?: number,
    reason?: string,
  ): void;
}

const EMPTY_UPDATE = new Uint8Array([0, 0]);
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/**
 * The /collab/{streamId} endpoint: the y-websocket protocol over uWS, relaying opaque Yjs updates between the
 * editors of a stream. Each update is appended to the store and relayed only once it is durable; sync replies are
 * computed from the stored updates (binary merge and diff, no Y.Doc), so a room holds sockets and awareness only,
 * and nothing at all once its last editor leaves.
 */
export function createCollabBehavior(options: CollabOptions): CollabBehavior {
  const { drafts, metrics, onPresence } = options;
  const onError = options.onError ?? ((err, where) => console.error(`${where}:`, err));
  const maxPayloadLength = options.limits?.maxPayloadLength ?? 16 * 1024 * 1024;
  const maxBufferedBytes = options.limits?.maxBufferedBytes ?? 32 * 1024 * 1024;
  const rooms = new Map<string, Room>();
  const migrateDraft = createDraftMigrator(drafts);
  /** Streams whose layout migration is being read and queued: their sync replies wait for it. */
  const migrating = new Map<string, Promise<unknown>>();

  function end(ws: CollabSocket, code: number, reason: string): void {
    const conn = ws.getUserData();
    if (conn.closed) return;
    ws.end(code, reason);
  }

  /** uWS would silently skip a subscriber past maxBackpressure, and a skipped update never comes back: close
   * such a socket instead (the editor reconnects and syncs from the store). */
  function closeSlowConsumers(room: Room): void {
    let slow: CollabSocket[] | undefined;
    for (const ws of room.conns) if (ws.getBufferedAmount() > maxBufferedBytes) (slow ??= []).push(ws);
    if (slow) for (const ws of slow) end(ws, CLOSE.slowConsumer, 'too far behind');
  }

  function presence(room: Room): void {
    if (!onPresence) return;
    try {
      onPresence(room.streamId, room.editors());
    } catch (err) {
      onError(err, 'collab onPresence');
    }
  }

  /** Whole-draft compaction when the last editor leaves (the store tiers rows by itself while they edit); after the
   * commit of everything appended before, so it merges only durable rows. */
  function compactLater(streamId: string): void {
    drafts.whenStored(() => {
      drafts.compact(streamId, FANOUT).catch((err) => onError(err, `collab compaction of ${streamId}`));
    });
  }

  function store(ws: CollabSocket, room: Room, update: Uint8Array, frame: Uint8Array, decoded: DecodedUpdate): void {
    drafts.append(room.streamId, update, undefined, new FromClient(ws, frame, decoded));
  }

  /** Sockets with stored updates not yet confirmed back to them (see Confirmations), flushed together a moment
   * after the first one: one small frame per socket per flush, however many updates it sent meanwhile. */
  const unconfirmed = new Set<CollabSocket>();
  let confirmTimer: ReturnType<typeof setTimeout> | undefined;
  function confirmLater(ws: CollabSocket, decoded: DecodedUpdate): void {
    const conn = ws.getUserData();
    if (conn.closed) return;
    (conn.confirm ??= new Confirmations()).add(decoded);
    unconfirmed.add(ws);
    confirmTimer ??= setTimeout(flushConfirmations, CONFIRM_DELAY_MS);
    confirmTimer.unref?.();
  }
  function flushConfirmations(): void {
    confirmTimer = undefined;
    for (const ws of unconfirmed) {
      const conn = ws.getUserData();
      if (conn.closed || !conn.confirm || conn.confirm.empty) continue;
      const frame = conn.confirm.take();
      ws.cork(() => ws.send(frame, true, false));
    }
    unconfirmed.clear();
  }

  /** Every durable append reaches the stream's open editors: the clients' own (minus the sender, as the frame they
   * sent) and the server's (e.g. a rename through the HTTP API). The room may have closed and reopened since the
   * update arrived: the relay goes to whoever is there now. */
  drafts.onAppended((streamId, update, origin) => {
    metrics?.stored?.(update.byteLength);
    const room = rooms.get(streamId);
    if (!room) return;
    if (origin instanceof FromClient) {
      room.publish(origin.frame, origin.ws);
      confirmLater(origin.ws, origin.decoded);
    } else room.publish(encodeFrame.update(update));
    closeSlowConsumers(room);
  });

  /** Replies to sync step 1 once every update received before it is durable: a client that has its reply knows
   * the server holds everything it sent before. One load answers both ways: step 2 (what the client lacks) and the
   * server's own step 1 (so the client sends what the server lacks). */
  function answerSync(ws: CollabSocket, stateVector: Uint8Array): void {
    const migration = migrating.get(ws.getUserData().streamId);
    if (migration) return void migration.then(() => answerSync(ws, stateVector));
    // The reply holds the callbacks after it until the draft is read: a relay queued after the sync request
    // reaches the client after the reply, as it would if the read were instant.
    drafts.whenStored(async () => {
      const conn = ws.getUserData();
      if (conn.closed) return;
      try {
        const state = await drafts.load(conn.streamId);
        if (conn.closed) return;
        // A new client (empty state vector) needs everything: skip the diff, which costs as much as a merge.
        const diff = !state ? EMPTY_UPDATE : isEmptyStateVector(stateVector) ? state : Y.diffUpdate(state, stateVector);
        const serverVector = state ? Y.encodeStateVectorFromUpdate(state) : EMPTY_STATE_VECTOR;
        ws.cork(() => {
          ws.send(encodeFrame.syncStep2(diff), true, false);
          ws.send(encodeFrame.syncStep1(serverVector), true, false);
        });
        const room = rooms.get(conn.streamId);
        if (room) closeSlowConsumers(room);
      } catch (err) {
        // Runs among the group commit's callbacks: nothing may escape.
        onError(err, `collab sync of ${conn.streamId}`);
        end(ws, CLOSE.serverError, 'could not read the draft');
      }
    });
  }

  function announce(
    ws: CollabSocket,
    room: Room,
    message: Extract<ClientMessage, { kind: 'awareness' }>,
    frame: Uint8Array,
  ): void {
    const mine = ws.getUserData().awareness;
    for (const e of message.entries) {
      if (e.state === 'null') {
        mine.delete(e.clientId);
        room.awareness.delete(e.clientId);
      } else {
        mine.set(e.clientId, e.clock);
        room.awareness.set(e.clientId, e);
      }
    }
    // Echoed to the sender too, as the stock server does: a lone editor's provider counts it as a sign of life.
    room.publish(frame);
    closeSlowConsumers(room);
  }

  function handle(ws: CollabSocket, room: Room, message: ClientMessage, frame: Uint8Array): void {
    switch (message.kind) {
      case 'syncStep1':
        return answerSync(ws, message.stateVector);
      case 'syncStep2':
        if (!isEmptyUpdate(message.update)) {
          store(ws, room, message.update, encodeFrame.update(message.update), message.decoded);
        }
        return;
      case 'update':
        // The frame already is the relay message: no re-encoding on the hot path.
        return store(ws, room, message.update, frame, message.decoded);
      case 'awareness':
        return announce(ws, room, message, frame);
      case 'queryAwareness':
        if (room.awareness.size > 0) ws.send(encodeFrame.awareness(room.awareness.values()), true, false);
        return;
    }
  }

  function leave(ws: CollabSocket): void {
    const conn = ws.getUserData();
    const room = rooms.get(conn.streamId);
    if (!room || !room.conns.delete(ws)) return;
    if (conn.awareness.size > 0) {
      const gone = [...conn.awareness].map(([clientId, clock]) => ({ clientId, clock: clock + 1, state: 'null' }));
      for (const { clientId } of gone) room.awareness.delete(clientId);
      room.publish(encodeFrame.awareness(gone));
    }
    if (room.conns.size === 0) {
      rooms.delete(conn.streamId);
      compactLater(conn.streamId);
    }
    presence(room);
  }

  return {
    maxPayloadLength,
    // Far above our own limit so that uWS never drops a frame for a subscriber; closeSlowConsumers acts first.
    maxBackpressure: maxBufferedBytes + 2 * maxPayloadLength,
    idleTimeout: options.limits?.idleTimeout ?? 60,
    sendPingsAutomatically: true,
    upgrade: createUpgrade(options.authorize, options.streamExists ?? ((id) => drafts.exists(id)), onError),

    open(ws) {
      const conn = ws.getUserData();
      metrics?.opened?.();
      if (conn.reject) {
        ws.end(conn.reject.code, conn.reject.reason);
        return;
      }
      let room = rooms.get(conn.streamId);
      if (!room) {
        rooms.set(conn.streamId, (room = new Room(conn.streamId)));
        // Before any sync reply: the reply waits for the migration to be queued, then for the commit that holds it.
        const streamId = conn.streamId;
        const migrated = migrateDraft(streamId)
          .catch((err) => onError(err, `collab layout migration of ${streamId}`))
          .finally(() => {
            if (migrating.get(streamId) === migrated) migrating.delete(streamId);
          });
        migrating.set(streamId, migrated);
      }
      room.conns.add(ws);
      ws.subscribe(room.topic);
      if (room.awareness.size > 0) ws.send(encodeFrame.awareness(room.awareness.values()), true, false);
      presence(room);
    },

    message(ws, data, isBinary) {
      const conn = ws.getUserData();
      if (conn.closed) return;
      const room = rooms.get(conn.streamId);
      if (!room) return;
      if (!isBinary) return end(ws, CLOSE.protocolError, 'text frames are not part of the protocol');
      // uWS reuses `data` after this callback returns; the copy is what gets stored and relayed.
      const frame = new Uint8Array(data.slice(0));
      let message: ClientMessage;
      try {
        message = parseClientMessage(frame);
      } catch (err) {
        return end(ws, CLOSE.protocolError, err instanceof ProtocolError ? err.message.slice(0, 100) : 'bad frame');
      }
      try {
        handle(ws, room, message, frame);
      } catch (err) {
        onError(err, 'collab message');
        end(ws, CLOSE.serverError, 'server error');
      }
    },

    close(ws, code) {
      const conn = ws.getUserData();
      conn.closed = true;
      metrics?.closed?.(code);
      if (!conn.reject) leave(ws);
    },

    editors: (streamId) => rooms.get(streamId)?.editors() ?? [],
    openStreams: () => [...rooms.keys()],
    closeStream(streamId, code = CLOSE.notFound, reason = 'the stream is gone') {
      const room = rooms.get(streamId);
      if (room) for (const ws of [...room.conns]) end(ws, code, reason);
    },
    closeAll(code = CLOSE.goingAway, reason = 'server shutting down') {
      for (const room of [...rooms.values()]) for (const ws of [...room.conns]) end(ws, code, reason);
    },
    closeWhere(match, code = CLOSE.sessionEnded, reason = 'signed out') {
      for (const room of [...rooms.values()]) {
        for (const ws of [...room.conns]) {
          const c = ws.getUserData();
          if (
            (match.userId === undefined || c.userId === match.userId) &&
            (match.session === undefined || c.session === match.session) &&
            (match.exceptSession === undefined || c.session !== match.exceptSession)
          ) {
            end(ws, code, reason);
          }
        }
      }
    },
  };
}

/** The origin of an append that came from a client: the relay skips its socket and reuses its frame. */
class FromClient {
  constructor(
    readonly ws: CollabSocket,
    readonly frame: Uint8Array,
    readonly decoded: DecodedUpdate,
  ) {}
}

/** How long stored updates wait before their confirmation goes back to the sender (see Confirmations). */
const CONFIRM_DELAY_MS = 200;
