import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { messageAwareness, messageSync, type AwarenessEntry } from './protocol.ts';

/** Server → client frames of the y-websocket protocol, built from binary state (no Y.Doc). */
export const encodeFrame = {
  syncStep1(stateVector: Uint8Array): Uint8Array {
    return sync(messageYjsSyncStep1, stateVector);
  },
  syncStep2(update: Uint8Array): Uint8Array {
    return sync(messageYjsSyncStep2, update);
  },
  update(update: Uint8Array): Uint8Array {
    return sync(messageYjsUpdate, update);
  },
  awareness(entries: Iterable<AwarenessEntry>): Uint8Array {
    const inner = encoding.createEncoder();
    const list = [...entries];
    encoding.writeVarUint(inner, list.length);
    for (const e of list) {
      encoding.writeVarUint(inner, e.clientId);
      encoding.writeVarUint(inner, e.clock);
      encoding.writeVarString(inner, e.state);
    }
    const outer = encoding.createEncoder();
    encoding.writeVarUint(outer, messageAwareness);
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
    return encoding.toUint8Array(outer);
  },
};

function sync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
