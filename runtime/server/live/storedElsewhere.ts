import type { TranscriptItem } from '../../../shared/protocol/common.ts';

/** Set (not enumerable, not serialised) on an entry of this node's that another node had stored first. */
const STORED_ELSEWHERE = Symbol('storedElsewhere');

/**
 * Among several nodes, the same message may reach two of them at once (a resend on another node while the first
 * is still storing it): the one that stores it first sends it to every socket, the other finds its key taken as
 * it stores (`Hub.append`'s renumbering) and marks its copy. A marked entry is acknowledged with the stored seq
 * and never sent to sockets again, so no socket gets one seq twice from the server.
 */
export function markStoredElsewhere(item: TranscriptItem): void {
  Object.defineProperty(item, STORED_ELSEWHERE, { value: true, configurable: true });
}

export function storedElsewhere(item: TranscriptItem): boolean {
  return (item as { [STORED_ELSEWHERE]?: boolean })[STORED_ELSEWHERE] === true;
}
