import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import { serialise } from './hub.ts';
import type { VisitorPeer } from './peers.ts';
import { SeqsSent, visitorSent } from './seqsSent.ts';
import type { Socket } from './socket.ts';
import type { PeerPage } from './visitorContext.ts';

/**
 * A visitor socket as the hub sees it. A class, not an object literal of arrow functions: it is held for every
 * connected visitor, and a function value per socket costs 56 bytes, plus 256 more once its `name` is defined
 * (the TypeScript loader keeps names that way, which leaves the function's properties in dictionary mode).
 */
export class VisitorSocketPeer implements VisitorPeer {
  /** Set when the socket opens, before any frame. */
  socket!: Socket;
  page: PeerPage | undefined = undefined;
  readonly sent = new SeqsSent();

  constructor(readonly address: string) {}

  send(msg: VisitorServerMessage): void {
    visitorSent(this.sent, msg);
    this.socket.send(serialise(msg));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }
}
