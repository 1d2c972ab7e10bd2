import { TestPostgres } from './postgres.ts';

/**
 * vitest globalSetup for `TRIBUTARY_TEST_STORE=postgres`: one throwaway PostgreSQL for the whole run; every server
 * the tests boot (runtime/server/testkit.ts) takes a fresh database on it, found through TRIBUTARY_TEST_PG_URL.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const pg = await TestPostgres.start({ fsync: false });
  process.env.TRIBUTARY_TEST_PG_URL = pg.url();
  return () => pg.destroy();
}
