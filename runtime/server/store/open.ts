import { openSqliteStore } from './sqlite/store.ts';
import type { Store, StoreErrorHandler } from './store.ts';

export interface StoreOptions {
  /** Where the SQLite file lives (`tributary.db`). */
  dataDir: string;
}

/** Opens the runtime's store: SQLite in `dataDir`, created and migrated if need be. */
export async function openStore(opts: StoreOptions, onError: StoreErrorHandler): Promise<Store> {
  return openSqliteStore(opts.dataDir, onError);
}
