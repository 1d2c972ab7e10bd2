import * as encoding from 'lib0/encoding';
import { messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageSync } from './protocol.ts';

/** A decoded Yjs update, as `Y.decodeUpdate` returns it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * What one socket sent that is stored but not yet confirmed back to it, as id ranges per client (inserted structs,
 * and deletions).
 *
 * Why: newer y-websocket clients (3.1.0 release candidates) show a sync status that turns "synced" only once every
 * id of their own updates has come back from the server in an update message; servers that echo each update to its
 * sender (as @y/websocket-server does) double the traffic of every client for it. This relay sends instead, a
 * moment after the updates are stored, one small update per socket whose structs are GC placeholders with the same
 * ids (Skip over gaps) and whose delete set is the same: a client that has those ids (the sender always has)
 * ignores it, and a client that counts confirmations finds every id it sent. A typing editor gets one such frame
 * of a few bytes per flush, whatever the client.
 */
export class Confirmations {
  /** client id → sorted, merged ranges as a flat list [start, end, start, end, …). */
  private inserts = new Map<number, number[]>();
  private deletes = new Map<number, number[]>();

  get empty(): boolean {
    return this.inserts.size === 0 && this.deletes.size === 0;
  }

  add(update: DecodedUpdate): void {
    for (const s of update.structs) {
      if (s instanceof Y.Skip) continue;
      addRange(this.inserts, s.id.client, s.id.clock, s.id.clock + s.length);
    }
    for (const [client, items] of update.ds.clients) {
      for (const d of items) addRange(this.deletes, client, d.clock, d.clock + d.len);
    }
  }

  /** The update message confirming everything added since the last call; clears it. */
  take(): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, messageYjsUpdate);
    encoding.writeVarUint8Array(e, this.encodeUpdate());
    this.inserts.clear();
    this.deletes.clear();
    return encoding.toUint8Array(e);
  }

  /** A Yjs v1 update: per client, GC structs over the ranges (Skip structs over the gaps), then the delete set. */
  private encodeUpdate(): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, this.inserts.size);
    for (const [client, r] of this.inserts) {
      const structs = r.length / 2 + countGaps(r);
      encoding.writeVarUint(e, structs);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, r[0]);
      for (let i = 0; i < r.length; i += 2) {
        if (i > 0) {
          encoding.writeUint8(e, STRUCT_SKIP);
          encoding.writeVarUint(e, r[i] - r[i - 1]);
        }
        encoding.writeUint8(e, STRUCT_GC);
        encoding.writeVarUint(e, r[i + 1] - r[i]);
      }
    }
    encoding.writeVarUint(e, this.deletes.size);
    for (const [client, r] of this.deletes) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, r.length / 2);
      for (let i = 0; i < r.length; i += 2) {
        encoding.writeVarUint(e, r[i]);
        encoding.writeVarUint(e, r[i + 1] - r[i]);
      }
    }
    return encoding.toUint8Array(e);
  }
}

/** Struct info bytes of the Yjs update format (GC placeholder, and Skip over a gap of unknown structs). */
const STRUCT_GC = 0;
const STRUCT_SKIP = 10;

function countGaps(ranges: number[]): number {
  return ranges.length / 2 - 1;
}

/** Adds [start, end) to a client's ranges, keeping them sorted and merged. Usually appends to the last range. */
function addRange(into: Map<number, number[]>, client: number, start: number, end: number): void {
  if (end <= start) return;
  const r = into.get(client);
  if (!r) {
    into.set(client, [start, end]);
    return;
  }
  const last = r.length - 2;
  if (start >= r[last]) {
    if (start <= r[last + 1]) r[last + 1] = Math.max(r[last + 1], end);
    else r.push(start, end);
    return;
  }
  // Out of order (rare): insert and re-merge.
  r.push(start, end);
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i], r[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  r.length = 0;
  for (const [s, e] of pairs) {
    const n = r.length;
    if (n > 0 && s <= r[n - 1]) r[n - 1] = Math.max(r[n - 1], e);
    else r.push(s, e);
  }
}
