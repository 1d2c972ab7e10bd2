import { resolve } from 'node:path';
import pino from 'pino';
import { scaleOutConfig } from './cluster/scaleOutConfig.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.ts';
import { startServer } from './startServer.ts';

/**
 * `npm start`: the runtime with its configuration from the environment (docs/runtime.md): PORT (default 8080,
 * 0 = any free port), DATA_DIR (default ./data), TRIBUTARY_DEMO (default 1), TRIBUTARY_ADMIN_EMAIL and
 * TRIBUTARY_ADMIN_PASSWORD (first admin when the demo is off), LOG_LEVEL, REDIS_URL, DATABASE_URL and
 * TRIBUTARY_NODE_TTL_MS (docs/scale-out.md). SIGTERM/SIGINT shut down gracefully.
 */
const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const port = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.fatal(`PORT must be a port number, not ${process.env.PORT}`);
  process.exit(2);
}
const scaleOut = scaleOutConfig(process.env);
if (!scaleOut.ok) {
  console.error(scaleOut.error);
  process.exit(2);
}
const demo = process.env.TRIBUTARY_DEMO !== '0';
const dataDir = resolve(process.env.DATA_DIR || './data');

try {
  const server = await startServer({
    port,
    dataDir,
    databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
    redisUrl: scaleOut.redisUrl,
    clusterTtlMs: scaleOut.ttlMs,
    demo,
    adminEmail: process.env.TRIBUTARY_ADMIN_EMAIL,
    adminPassword: process.env.TRIBUTARY_ADMIN_PASSWORD,
    logger: log,
  });
  // Plain lines on stdout as well, for people and for scripts that wait for the port.
  console.log(`Tributary is running on http://localhost:${server.port}`);
  if (demo)
    console.log(
      `Demo accounts: ${DEMO_ACCOUNTS.join(', ')} (password: ${DEMO_PASSWORD}); demo page: http://localhost:${server.port}/demo`,
    );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  // One line a person can act on (PostgreSQL unreachable, a bad DATABASE_URL, …), then the details in the log.
  console.error(`Tributary could not start: ${(err as Error).message ?? err}`);
  log.fatal({ err }, 'the runtime could not start');
  process.exit(1);
}
