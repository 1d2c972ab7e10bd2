import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import type { DecodedUpdate } from './confirmations.ts';

/** Top-level message types of the y-websocket protocol (as the stock provider numbers them). */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/** One client's entry in an awareness update: `state` is its JSON text, `"null"` when the client left. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** A frame from a client, checked: every update in it decodes, every awareness state is JSON. */
export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'syncStep2' | 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' };

/** Thrown by `parseClientMessage`; the endpoint closes the socket with CLOSE.protocolError and this message. */
export class ProtocolError extends Error {}

/**
 * Parses one frame of the y-websocket protocol without a Y.Doc. The frame must be exactly one message (the stock
 * provider never concatenates) and its buffer must end where the frame ends, so that a length field pointing past
 * the end makes the decoder throw instead of reading a neighbour's bytes.
 */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = parse(decoder);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
    return message;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`malformed frame: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parse(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case messageSync:
      return parseSync(decoder);
    case messageAwareness:
      return { kind: 'awareness', entries: parseAwareness(decoding.readVarUint8Array(decoder)) };
    case messageQueryAwareness:
      return { kind: 'queryAwareness' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function parseSync(decoder: decoding.Decoder): ClientMessage {
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (step) {
    case messageYjsSyncStep1:
      Y.decodeStateVector(payload);
      return { kind: 'syncStep1', stateVector: payload };
    case messageYjsSyncStep2:
    case messageYjsUpdate: {
      const decoded = decodeUpdate(payload);
      if (!decoded) throw new ProtocolError('an update that does not decode');
      return { kind: step === messageYjsUpdate ? 'update' : 'syncStep2', update: payload, decoded };
    }
    default:
      throw new ProtocolError(`unknown sync message type ${step}`);
  }
}

/** Decodes an awareness update (y-protocols/awareness layout) and checks that every state is JSON. */
function parseAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes in the awareness update');
  return entries;
}

/**
 * Whether `update` decodes as a Yjs (v1) update. A stored update that does not decode would break every later load
 * of the draft, so nothing is stored before this holds. Decoding a small edit costs about 1 µs.
 */
export function isValidUpdate(update: Uint8Array): boolean {
  return decodeUpdate(update) !== null;
}

/** The decoded update (its structs' ids serve the sender's confirmation), or null when it does not decode. */
function decodeUpdate(update: Uint8Array): DecodedUpdate | null {
  try {
    return Y.decodeUpdate(update);
  } catch {
    return null;
  }
}

/** The empty update (no structs, no deletions) that a client in sync sends as its sync step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** The state vector of an empty doc (no clients), which a fresh provider sends in its sync step 1. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}
