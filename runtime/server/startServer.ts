import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import uWS from 'uws';
import { MAX_FRAME_BYTES } from '../../shared/protocol/common.ts';
import { buildRoutes } from './api/routes.ts';
import { createAuth, sameOrigin, tokenOf } from './auth/authenticate.ts';
import { can } from './store/users.ts';
import { CLOSE } from '../../shared/protocol/closeCodes.ts';
import { createCollabEndpoint } from './collab/endpoint.ts';
import { CollabRelay } from './cluster/collabRelay.ts';
import { RedisCounters } from './security/redisCounters.ts';
import { seedOnce } from './demo.ts';
import { Router as RouteTable } from './http/router.ts';
import { agentEndpoint } from './live/agentSession.ts';
import { Hub } from './live/hub.ts';
import { Cluster } from './cluster/cluster.ts';
import { LiveCluster } from './cluster/liveCluster.ts';
import { nodeIdentity } from './cluster/nodeIdentity.ts';
import { createLiveHooks } from './live/liveHooks.ts';
import { createMailer, type MailerOptions } from './mail/mailer.ts';
import { createPusher, type PushOptions } from './push/pusher.ts';
import { readWorkspace } from './live/router.ts';
import { createVersionCache } from './live/versionCache.ts';
import { visitorEndpoint } from './live/visitorSession.ts';
import { createMetrics } from './metrics.ts';
import { securityConfig, type SecurityConfig } from './security/config.ts';
import { createSecurity } from './security/security.ts';
import { openStore } from './store/open.ts';
import { startRetentionJob } from './security/retentionJob.ts';
import { liveChatLimits } from './security/liveChatLimits.ts';
import { loadVisitorCredentials } from './security/visitorCredentials.ts';
import { VisitorGrace } from './live/visitorGrace.ts';
import { createDraftIO } from './streams/draftIO.ts';
import { mountHttp } from './transport/http.ts';
import { SocketRegistry, mountWs } from './transport/ws.ts';
import { staticFiles } from './web/static.ts';
import { webhookConfig, type WebhookConfig } from './webhooks/config.ts';
import { Deliverer } from './webhooks/deliverer.ts';
import { disabledNotice } from './webhooks/disabledNotice.ts';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where the SQLite store lives; unused when `databaseUrl` is set. */
  dataDir: string;
  /** `postgres://…`: the store is this PostgreSQL database (DATABASE_URL; docs/store.md). */
  databaseUrl?: string;
  /** How long a start keeps trying to reach PostgreSQL (default 30 s). */
  storeStartTimeoutMs?: number;
  /** Seed the demo workspace into a fresh data directory (default true). */
  demo?: boolean;
  /** First admin of a fresh non-demo workspace. */
  adminEmail?: string;
  adminPassword?: string;
  host?: string;
  /** Project root (dist/, examples/); default: the checkout this file is in. */
  root?: string;
  logger?: Logger;
  /** Messages a second (and burst) one visitor socket may send; benchmarks raise it. Default 20/s, burst 40. */
  visitorRate?: { perSec: number; burst: number };
  /** Limits over those of the environment (docs/security.md); tests and benchmarks set them here. */
  security?: Partial<SecurityConfig>;
  /** Retry waits and timeouts of outgoing email (tests shorten them). */
  mail?: MailerOptions;
  /** Web Push retries, timeouts and https agent (tests shorten them and trust a local push service). */
  push?: PushOptions;
  /** `redis://…`: serve the workspace with the other nodes on this Redis and `databaseUrl` (REDIS_URL;
   * docs/scale-out.md). */
  redisUrl?: string;
  /** How long a silent node keeps counting and a silent routing owner its lease (default 3 s). */
  clusterTtlMs?: number;
  /** Webhook delivery pacing over that of the environment (docs/results.md); tests shorten it. */
  webhooks?: Partial<WebhookConfig>;
}

export interface RunningServer {
  port: number;
  /** Graceful: stop listening, close sockets with goingAway, flush the group commit, close the store. */
  close(): Promise<void>;
}

/** The composition root: store, live hub, HTTP routes and the three WebSocket endpoints on one uws app. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const root = opts.root ?? resolve(import.meta.dirname, '../..');
  const config = securityConfig(process.env, opts.security);
  const log = opts.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  let hub: Hub | undefined;
  const storeOptions = {
    dataDir: opts.dataDir,
    databaseUrl: opts.databaseUrl,
    startTimeoutMs: opts.storeStartTimeoutMs,
    onRetry: (err: unknown, attempt: number, delayMs: number) =>
      log.warn({ err: String(err), attempt, delayMs }, 'PostgreSQL is not reachable yet; trying again'),
  };
  const store = await openStore(storeOptions, (err, kind) => {
    if (kind === 'commit') {
      log.error({ err }, 'a commit failed; nothing of it was acknowledged');
      hub?.forget();
    } else log.error({ err, kind }, 'store error');
  });
  const drafts = store.drafts;
  const draftIO = createDraftIO(drafts);
  await seedOnce(store, draftIO, {
    root,
    demo: opts.demo !== false,
    adminEmail: opts.adminEmail,
    adminPassword: opts.adminPassword,
  });

  const metrics = createMetrics();
  // With REDIS_URL the windowed limits (sign-in failures, live-chat requests, beacons) are counted across nodes.
  const sharedCounters = opts.redisUrl ? await RedisCounters.connect(opts.redisUrl) : undefined;
  const security = createSecurity(config, metrics.registry, sharedCounters);
  const retention = startRetentionJob(
    {
      purgeExpired: (now) => store.sessions.purgeExpired(now),
      purgeConversations: (cutoff, limit) => store.conversations.purgeEnded(cutoff, limit),
    },
    {
      days: config.retentionDays,
      intervalSec: config.retentionIntervalSec,
      log,
    },
  );
  const versions = createVersionCache(store.streams);
  const mailer = createMailer({ store, log }, opts.mail);
  // Failed emails kept in the store (by this node or another, before a restart) are retried from now on.
  mailer.start();
  hub = new Hub(store, versions, log, metrics.hub, await readWorkspace(store));
  hub.liveChatLimits = liveChatLimits(security);
  hub.counters = security.counters;
  hub.mailer = mailer;
  const live0 = hub;
  const pusher = createPusher(
    {
      store,
      log,
      visitorOf: (id) => {
        const c = live0.cached(id);
        return c && { visitorId: c.rec.visitorId, profile: c.profile };
      },
    },
    opts.push,
  );
  hub.push = pusher;
  // Likewise the failed pushes that have not expired.
  pusher.start();
  const node = nodeIdentity();
  let cluster: Cluster | undefined;
  let liveCluster: LiveCluster | undefined;
  if (opts.redisUrl) {
    // Several nodes share one database, never SQLite files.
    if (store.backend !== 'postgres') throw new Error('REDIS_URL needs DATABASE_URL (docs/scale-out.md)');
    cluster = await Cluster.start({
      redisUrl: opts.redisUrl,
      node,
      ttlMs: opts.clusterTtlMs,
      onError: (err, where) => log.warn({ err: String(err), where }, 'cluster'),
    });
    liveCluster = await LiveCluster.start(hub, store, cluster, log);
  } else await hub.boot();
  const grace = new VisitorGrace(hub);
  grace.start();
  const auth = createAuth(store.users, store.sessions);
  const sockets = new SocketRegistry();

  const collab = createCollabEndpoint({
    drafts,
    streamExists: async (id) => (await store.streams.get(id)) !== undefined,
    async authorize(req) {
      const p = await auth.principal({ cookie: req.cookie }, new URLSearchParams(req.query));
      if (!p) return null;
      // A browser sends the cookie with a handshake from any site's page: only this site's pages may use it.
      if (p.via === 'cookie' && !sameOrigin({ origin: req.origin, host: req.host })) {
        security.refused('bad-origin');
        return 'foreign-origin';
      }
      const u = p.user;
      return can.editStreams(u) ? { userId: u.id, name: u.name, session: p.token } : 'forbidden';
    },
    onError: (err, where) => log.error({ err, where }, 'collab error'),
    // Editors of one stream on different nodes see each other's edits and carets through Redis.
    peers: cluster ? (handlers) => new CollabRelay(cluster!.bus, handlers, cluster!.locks) : undefined,
  });
  const live = createLiveHooks(hub, store, collab, sockets, node, cluster?.bus);
  const visitorCredentials = await loadVisitorCredentials(store);
  const ports: number[] = [];
  // An endpoint disabled for failing is told to every admin by email (when email is configured) and in the list.
  const deliverer = new Deliverer(
    store,
    log,
    webhookConfig(process.env, opts.webhooks),
    (endpoint) =>
      void store.users
        .list()
        .then((users) =>
          mailer.toUsers(
            users.filter((u) => u.roles.includes('admin')).map((u) => u.id),
            disabledNotice(endpoint),
          ),
        )
        .catch((err) => log.warn({ err }, 'could not tell the admins about a disabled webhook')),
  );
  const webhooks = { ownPorts: () => ports, deliverSoon: () => deliverer.kick() };
  const routes = buildRoutes(
    {
      store,
      auth,
      drafts,
      live,
      log,
      security,
      mailer,
      visitorCredentials,
      webhooks,
    },
    draftIO,
    versions,
    metrics.registry,
  );

  const app = uWS.App();
  const wsOpts = (endpoint: string) => ({
    maxPayloadLength: MAX_FRAME_BYTES,
    maxBuffered: 1024 * 1024,
    onOpen: () => metrics.wsOpened(endpoint),
    onClose: () => metrics.wsClosed(endpoint),
    onMessage: () => metrics.wsFrame(endpoint),
    onError: (err: unknown) => log.error({ err, endpoint }, 'socket handler error'),
    clientAddress: security.clientAddress,
  });
  mountWs(
    app,
    '/ws/visitor',
    visitorEndpoint(hub, visitorCredentials, opts.visitorRate, security),
    sockets,
    wsOpts('visitor'),
  );
  mountWs(app, '/ws/agent', agentEndpoint(hub, auth, security), sockets, wsOpts('agent'));
  mountWs(app, '/collab/*', collab, sockets, { ...wsOpts('collab'), ...collab.socketLimits });
  mountHttp(app, {
    router: new RouteTable(routes),
    fallback: staticFiles({ root, workspace: () => hub!.workspace.name, sourceMaps: config.sourceMaps }),
    onError: (err, req) => log.error({ err, method: req.method, path: req.path }, 'request handler error'),
    onResponse: (_req, status, route) => metrics.http(route, status),
    clientAddress: security.clientAddress,
    // No token at all is known at once (no store read): a stranger's upload is refused before any budget is taken.
    authenticated: (req) => (tokenOf(req.headers) ? auth.principal(req.headers).then((p) => p !== undefined) : false),
    budget: security.budget,
  });

  const listenSocket = await new Promise<uWS.us_listen_socket>((ok, fail) => {
    const cb = (s: uWS.us_listen_socket | false) => (s ? ok(s) : fail(new Error(`cannot listen on port ${opts.port}`)));
    if (opts.host) app.listen(opts.host, opts.port, cb);
    else app.listen(opts.port, cb);
  });
  const port = uWS.us_socket_local_port(listenSocket);
  ports.push(port);
  deliverer.start();
  log.info({ port, dataDir: opts.dataDir, node: node.id }, 'tributary runtime listening');

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= (async () => {
        uWS.us_listen_socket_close(listenSocket);
        retention.stop();
        grace.stop();
        // Attempts in flight finish first: a failure among them is kept for the next node.
        const deliveries = Promise.all([mailer.stop(), pusher.stop()]);
        hub!.router.stop();
        await deliverer.stop();
        sockets.closeAll(CLOSE.goingAway, 'server shutting down');
        collab.closeAll(CLOSE.goingAway, 'server shutting down');
        // Hands routing over at once and takes this node's presence away.
        await liveCluster?.stop();
        await deliveries;
        await store.commit.settled();
        await cluster?.close();
        sharedCounters?.close();
        await store.close();
        // Not in the package's typings, but present: closes every remaining connection.
        (app as unknown as { close(): void }).close();
        log.info('tributary runtime stopped');
      })();
      return closing;
    },
  };
}
