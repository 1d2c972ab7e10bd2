import { newId } from '../store/ids.ts';

/** This process's part of every event id it makes (72 random bits, drawn once). */
const prefix = newId('msg');
let count = 0;

/**
 * A new webhook event id (the `webhook-id` header's first part): `msg_` + 12 random characters drawn once per
 * process + a counter (base 36, 8 digits). Unique across nodes and restarts by the random part; cheaper than
 * fresh random bytes per event (one `randomBytes` call costs about as much as the rest of the event); and the
 * ids one process makes sort in the order it made them, so the outbox's primary key grows at its end instead of
 * writing a random page of its index per event.
 */
export function newEventId(): string {
  return prefix + (count++).toString(36).padStart(8, '0');
}
