import * as Y from 'yjs';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import type { Acceptance, Endpoint, Socket, UpgradeInfo } from '../live/socket.ts';
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
import { peerHandlers, type CollabPeers, type PeerHandlers } from './peers.ts';
import { Room, type CollabClient, type Editor } from './room.ts';
import { createAdmission, type Authorize, type CollabUser } from './upgrade.ts';

export interface CollabMetrics {
  /** An accepted socket opened (refused ones are the transport's to count). */
  opened?(): void;
  closed?(code: number): void;
  /** An update was stored (called once it is durable). */
  stored?(bytes: number): void;
}

export interface CollabLimits {
  /** Largest frame a client may send; the transport closes the socket past it. A whole offline draft arrives as
   * one sync step 2, so this bounds the size of a draft. Default 16 MiB. */
  maxPayloadLength?: number;
  /** Bytes a socket may have waiting to be sent before it is closed with CLOSE.slowConsumer. Default 32 MiB. */
  maxBufferedBytes?: number;
  /** Seconds without traffic before the transport drops a socket; pings go out automatically. Default 60. */
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
  /** The other nodes (with REDIS_URL): made with the handlers of this endpoint's rooms. */
  peers?: (handlers: PeerHandlers) => CollabPeers;
}

export interface CollabEndpoint extends Endpoint<Uint8Array> {
  readonly frames: 'binary';
  /** What the transport applies to these sockets (see CollabLimits). */
  readonly socketLimits: { maxPayloadLength: number; maxBuffered: number; idleTimeoutSec: number };
  /** Who has the stream open now (for the stream list's "who is editing"). */
  editors(streamId: string): Editor[];
  /** Streams someone has open now. */
  openStreams(): string[];
  /** Closes every socket of a stream (e.g. it was deleted: CLOSE.notFound). */
  closeStream(streamId: string, code?: number, reason?: string): void;
  /** Closes every socket (shutdown: CLOSE.goingAway). Flush the group commit afterwards. */
  closeAll(code?: number, reason?: string): void;
  /** Closes the sockets matching all given fields (`session`: that sign-in session, or the sessions a test
   * accepts; `exceptSession`: every session but that one): sign-out, removal (CLOSE.sessionEnded). */
  closeWhere(
    match: { userId?: string; session?: string | ((session: string | undefined) => boolean); exceptSession?: string },
    code?: number,
    reason?: string,
  ): void;
}

const EMPTY_UPDATE = new Uint8Array([0, 0]);
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/**
 * The /collab/{streamId} endpoint: the y-websocket protocol over the transport seam (binary frames), relaying
 * opaque Yjs updates between the editors of a stream. Each update is appended to the store and relayed only once
 * it is durable; sync replies are computed from the stored updates (binary merge and diff, no Y.Doc), so a room
 * holds sockets and awareness only, and nothing at all once its last editor leaves.
 */
export function createCollabEndpoint(options: CollabOptions): CollabEndpoint {
  const { drafts, metrics, onPresence } = options;
  const onError = options.onError ?? ((err, where) => console.error(`${where}:`, err));
  const maxPayloadLength = options.limits?.maxPayloadLength ?? 16 * 1024 * 1024;
  const maxBufferedBytes = options.limits?.maxBufferedBytes ?? 32 * 1024 * 1024;
  const rooms = new Map<string, Room>();
  const migrateDraft = createDraftMigrator(drafts);
  /** Streams whose layout migration is being read and queued: their sync replies wait for it. */
  const migrating = new Map<string, Promise<unknown>>();

  const peers = options.peers?.(peerHandlers(rooms, drafts, onError));
  const admit = createAdmission(options.authorize, options.streamExists ?? ((id) => drafts.exists(id)), onError);

  function end(client: CollabClient, code: number, reason: string): void {
    if (client.closed) return;
    client.socket.close(code, reason);
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
      const compact = () => drafts.compact(streamId, FANOUT);
      // With other nodes, one compacts at a time: when the last editors of both leave at once, one merges.
      (peers ? peers.alone(streamId, false, compact) : compact()).catch((err) =>
        onError(err, `collab compaction of ${streamId}`),
      );
    });
  }

  function store(client: CollabClient, update: Uint8Array, frame: Uint8Array, decoded: DecodedUpdate): void {
    drafts.append(client.streamId, update, undefined, new FromClient(client, frame, decoded));
  }

  /** Sockets with stored updates not yet confirmed back to them (see Confirmations), flushed together a moment
   * after the first one: one small frame per socket per flush, however many updates it sent meanwhile. */
  const unconfirmed = new Set<CollabClient>();
  let confirmTimer: ReturnType<typeof setTimeout> | undefined;
  function confirmLater(client: CollabClient, decoded: DecodedUpdate): void {
    if (client.closed) return;
    (client.confirm ??= new Confirmations()).add(decoded);
    unconfirmed.add(client);
    confirmTimer ??= setTimeout(flushConfirmations, CONFIRM_DELAY_MS);
    confirmTimer.unref?.();
  }
  function flushConfirmations(): void {
    confirmTimer = undefined;
    for (const client of unconfirmed) {
      if (client.closed || !client.confirm || client.confirm.empty) continue;
      client.socket.send(client.confirm.take());
    }
    unconfirmed.clear();
  }

  /** Every durable append reaches the stream's open editors: the clients' own (minus the sender, as the frame they
   * sent) and the server's (e.g. a rename through the HTTP API). The room may have closed and reopened since the
   * update arrived: the relay goes to whoever is there now. */
  drafts.onAppended((streamId, update, origin, id) => {
    metrics?.stored?.(update.byteLength);
    // Every update this node stored goes to the other nodes' editors of the stream, whoever made it here.
    peers?.update(streamId, id, update);
    const room = rooms.get(streamId);
    if (!room) return;
    if (origin instanceof FromClient) {
      room.publish(origin.frame, origin.client);
      confirmLater(origin.client, origin.decoded);
    } else room.publish(encodeFrame.update(update));
  });

  /** Replies to sync step 1 once every update received before it is durable: a client that has its reply knows
   * the server holds everything it sent before. One load answers both ways: step 2 (what the client lacks) and the
   * server's own step 1 (so the client sends what the server lacks). */
  function answerSync(client: CollabClient, stateVector: Uint8Array, heard = !peers): void {
    const migration = migrating.get(client.streamId);
    if (migration) return void migration.then(() => answerSync(client, stateVector, heard));
    // Once this node hears the other nodes about the stream, what they store after the read below is relayed,
    // and what they stored before is in it.
    if (!heard) return void peers!.ready().then(() => answerSync(client, stateVector, true));
    // The reply holds the callbacks after it until the draft is read: a relay queued after the sync request
    // reaches the client after the reply, as it would if the read were instant.
    drafts.whenStored(async () => {
      if (client.closed) return;
      try {
        const state = await drafts.load(client.streamId);
        if (client.closed) return;
        // A new client (empty state vector) needs everything: skip the diff, which costs as much as a merge.
        const diff = !state ? EMPTY_UPDATE : isEmptyStateVector(stateVector) ? state : Y.diffUpdate(state, stateVector);
        const serverVector = state ? Y.encodeStateVectorFromUpdate(state) : EMPTY_STATE_VECTOR;
        client.socket.send(encodeFrame.syncStep2(diff));
        client.socket.send(encodeFrame.syncStep1(serverVector));
      } catch (err) {
        // Runs among the group commit's callbacks: nothing may escape.
        onError(err, `collab sync of ${client.streamId}`);
        end(client, CLOSE.serverError, 'could not read the draft');
      }
    });
  }

  function announce(
    client: CollabClient,
    room: Room,
    message: Extract<ClientMessage, { kind: 'awareness' }>,
    frame: Uint8Array,
  ): void {
    const mine = client.awareness;
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
    peers?.awareness(room.streamId, frame);
  }

  function handle(client: CollabClient, room: Room, message: ClientMessage, frame: Uint8Array): void {
    switch (message.kind) {
      case 'syncStep1':
        return answerSync(client, message.stateVector);
      case 'syncStep2':
        if (!isEmptyUpdate(message.update)) {
          store(client, message.update, encodeFrame.update(message.update), message.decoded);
        }
        return;
      case 'update':
        // The frame already is the relay message: no re-encoding on the hot path.
        return store(client, message.update, frame, message.decoded);
      case 'awareness':
        return announce(client, room, message, frame);
      case 'queryAwareness':
        if (room.awareness.size > 0) client.socket.send(encodeFrame.awareness(room.awareness.values()));
        return;
    }
  }

  function join(client: CollabClient): void {
    let room = rooms.get(client.streamId);
    if (!room) {
      rooms.set(client.streamId, (room = new Room(client.streamId)));
      peers?.opened(client.streamId);
      // Before any sync reply: the reply waits for the migration to be queued, then for the commit that holds it.
      const streamId = client.streamId;
      // With other nodes, under the stream's lock: a node opening it at the same instant waits, then finds it done.
      const migrated = (peers ? peers.alone(streamId, true, () => migrateDraft(streamId)) : migrateDraft(streamId))
        .catch((err) => onError(err, `collab layout migration of ${streamId}`))
        .finally(() => {
          if (migrating.get(streamId) === migrated) migrating.delete(streamId);
        });
      migrating.set(streamId, migrated);
    }
    room.clients.add(client);
    if (room.awareness.size > 0) client.socket.send(encodeFrame.awareness(room.awareness.values()));
    presence(room);
  }

  function receive(client: CollabClient, frame: Uint8Array): void {
    if (client.closed) return;
    const room = rooms.get(client.streamId);
    if (!room) return;
    let message: ClientMessage;
    try {
      message = parseClientMessage(frame);
    } catch (err) {
      return end(client, CLOSE.protocolError, err instanceof ProtocolError ? err.message.slice(0, 100) : 'bad frame');
    }
    try {
      handle(client, room, message, frame);
    } catch (err) {
      onError(err, 'collab message');
      end(client, CLOSE.serverError, 'server error');
    }
  }

  function leave(client: CollabClient): void {
    const room = rooms.get(client.streamId);
    if (!room || !room.clients.delete(client)) return;
    if (client.awareness.size > 0) {
      const gone = [...client.awareness].map(([clientId, clock]) => ({ clientId, clock: clock + 1, state: 'null' }));
      for (const { clientId } of gone) room.awareness.delete(clientId);
      const frame = encodeFrame.awareness(gone);
      room.publish(frame);
      peers?.awareness(room.streamId, frame);
    }
    if (room.clients.size === 0) {
      rooms.delete(client.streamId);
      peers?.closed(client.streamId);
      compactLater(client.streamId);
    }
    presence(room);
  }

  /** One accepted socket's session: the client exists from `open` on (it needs the socket). */
  function sessionFor(streamId: string, user: CollabUser): Acceptance<Uint8Array> {
    let client: CollabClient | undefined;
    return {
      ok: true,
      session: {
        open(socket: Socket) {
          metrics?.opened?.();
          client = { socket, streamId, ...user, closed: false, awareness: new Map() };
          join(client);
        },
        message(frame: Uint8Array) {
          if (client) receive(client, frame);
        },
        close(code: number) {
          metrics?.closed?.(code);
          if (!client) return;
          client.closed = true;
          leave(client);
        },
      },
    };
  }

  return {
    frames: 'binary',
    socketLimits: {
      maxPayloadLength,
      maxBuffered: maxBufferedBytes,
      idleTimeoutSec: options.limits?.idleTimeout ?? 60,
    },
    async accept(info: UpgradeInfo): Promise<Acceptance<Uint8Array>> {
      const admission = await admit(info);
      return admission.ok ? sessionFor(admission.streamId, admission.user) : admission;
    },

    editors: (streamId) => rooms.get(streamId)?.editors() ?? [],
    openStreams: () => [...rooms.keys()],
    closeStream(streamId, code = CLOSE.notFound, reason = 'the stream is gone') {
      const room = rooms.get(streamId);
      if (room) for (const c of [...room.clients]) end(c, code, reason);
    },
    closeAll(code = CLOSE.goingAway, reason = 'server shutting down') {
      for (const room of [...rooms.values()]) for (const c of [...room.clients]) end(c, code, reason);
    },
    closeWhere(match, code = CLOSE.sessionEnded, reason = 'signed out') {
      for (const room of [...rooms.values()]) {
        for (const c of [...room.clients]) {
          if (
            (match.userId === undefined || c.userId === match.userId) &&
            (match.session === undefined ||
              (typeof match.session === 'function' ? match.session(c.session) : c.session === match.session)) &&
            (match.exceptSession === undefined || c.session !== match.exceptSession)
          ) {
            end(c, code, reason);
          }
        }
      }
    },
  };
}

/** The origin of an append that came from a client: the relay skips its socket and reuses its frame. */
class FromClient {
  constructor(
    readonly client: CollabClient,
    readonly frame: Uint8Array,
    readonly decoded: DecodedUpdate,
  ) {}
}

/** How long stored updates wait before their confirmation goes back to the sender (see Confirmations). */
const CONFIRM_DELAY_MS = 200;
