import { HttpError } from '../http/types.ts';

/**
 * The database cannot be reached right now (PostgreSQL down or restarting, a connection cut). A request answers
 * 503 with code `store-unavailable`; a socket frame closes the socket with 1011 (the client reconnects). Nothing
 * that failed this way was acknowledged; the node reconnects by itself once the database is back.
 */
export class StoreUnavailableError extends HttpError {
  constructor(cause: unknown) {
    super(503, 'store-unavailable', 'the database is unavailable right now; try again shortly');
    this.cause = cause;
  }
}
