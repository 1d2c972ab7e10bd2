import { HttpError } from '../http/types.ts';
import { SearchError } from '../store/search.ts';

/** Runs a store search, answering 400 naming the field for a query or cursor it refuses (docs/search.md). */
export async function searchOrBadRequest<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SearchError)
      throw new HttpError(400, 'invalid', err.message, undefined, undefined, { field: err.field, reason: err.reason });
    throw err;
  }
}
