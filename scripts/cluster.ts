import { parseArgs } from 'node:util';
import { NodeProcess } from '../testing/nodeProcess.ts';
import { TestPostgres } from '../testing/postgres.ts';
import { TestRedis } from '../testing/redis.ts';

/**
 * `npm run cluster`: several runtime nodes on one PostgreSQL and one Redis, to try scale-out on one machine
 * (docs/scale-out.md). With DATABASE_URL and REDIS_URL set it uses them; otherwise it starts Debian's
 * `postgresql` and `redis-server` in a temporary folder (removed on exit) on free ports. `--nodes N` (default 3).
 * Ctrl-C stops everything (in a terminal the servers it started get the signal too, so the nodes may log their
 * last connections failing as they stop).
 */
const { values } = parseArgs({ options: { nodes: { type: 'string', default: '3' } } });
const count = Number(values.nodes);
if (!Number.isInteger(count) || count < 1 || count > 16) {
  console.error(`--nodes must be a whole number from 1 to 16, not ${values.nodes}`);
  process.exit(2);
}

let pg: TestPostgres | undefined;
let redis: TestRedis | undefined;
let nodes: NodeProcess[] = [];

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('Stopping the nodes…');
  await Promise.all(nodes.map((n) => n.stop().catch(() => undefined)));
  console.log('Nodes stopped.');
  await Promise.all(nodes.map((n) => n.close().catch(() => undefined)));
  await redis?.stop().catch(() => undefined);
  await pg?.destroy().catch(() => undefined);
  process.exit(code);
}

try {
  let databaseUrl = process.env.DATABASE_URL?.trim();
  let redisUrl = process.env.REDIS_URL?.trim();
  if (!databaseUrl) {
    pg = await TestPostgres.start();
    databaseUrl = await pg.createDatabase('tributary');
    console.log(`PostgreSQL (temporary, in ${pg.dir}): ${databaseUrl}`);
  }
  if (!redisUrl) {
    redis = await TestRedis.start();
    redisUrl = redis.url;
    console.log(`Redis (temporary, nothing saved): ${redisUrl}`);
  }
  nodes = Array.from(
    { length: count },
    (_, i) =>
      new NodeProcess({
        name: `node${i + 1}`,
        databaseUrl: databaseUrl!,
        redisUrl: redisUrl!,
        env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
        onOutput: (line) => console.log(`[node${i + 1}] ${line}`),
      }),
  );
  // Started at once on purpose: an empty database is migrated and seeded exactly once however many start.
  await Promise.all(nodes.map((n) => n.start()));
  console.log(`\n${count} nodes share one workspace; any of them serves any page:`);
  for (const n of nodes) {
    const h = await n.health();
    console.log(`  ${n.base}  (${h.node}${h.routingOwner ? ', routing owner' : ''}; demo page ${n.base}/demo)`);
  }
  console.log(
    `Stop one with kill -9 <pid> (${nodes.map((n) => `${n.opts.name}: ${n.pid}`).join(', ')}); Ctrl-C stops all.`,
  );
} catch (err) {
  console.error(`The cluster could not start: ${(err as Error).message ?? err}`);
  await stop(1);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
