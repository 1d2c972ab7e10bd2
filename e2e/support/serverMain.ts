import pino from 'pino';
import { ONE_ADDRESS_LOAD } from '../../runtime/server/security/config.ts';
import { startServer } from '../../runtime/server/startServer.ts';

/**
 * The runtime as its own process for the end-to-end suites, which kill it with SIGKILL: the same composition as
 * `runtime/server/main.ts`, plus a project root (E2E_ROOT) holding a fresh build of the pages.
 */
const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  dataDir: process.env.DATA_DIR!,
  // ServerProcess sets it on the PostgreSQL run (TRIBUTARY_TEST_STORE=postgres).
  databaseUrl: process.env.DATABASE_URL || undefined,
  root: process.env.E2E_ROOT || undefined,
  logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
  // Every client of the suites comes from 127.0.0.1; E2E_REAL_LIMITS=1 keeps the per-address limits as configured.
  security: process.env.E2E_REAL_LIMITS === '1' ? {} : ONE_ADDRESS_LOAD,
});
console.log(`listening on ${server.port}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
