import { Redis } from 'ioredis';

/**
 * One connection to Redis with the options every cluster part wants: reconnect forever with a short back-off (a
 * restarted Redis is back within a second or two), and fail a command at once while disconnected rather than
 * queue it — the callers retry on their own clock (heartbeats, lease renewals) or drop a fan-out that the
 * database can replay, and an unbounded offline queue would only grow while Redis is down.
 */
export function openRedis(url: string, name: string): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    // Our subscribers resubscribe themselves, so that they know when the subscriptions are back.
    autoResubscribe: false,
    lazyConnect: true,
  });
  // Without a listener ioredis prints every connection error; the parts watch 'ready'/'close' instead.
  redis.on('error', () => {});
  return redis;
}

/** Connects, waiting (retrying) until Redis answers: a node does not start without its Redis. */
export async function connectRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  if (redis.status === 'wait') await redis.connect();
  else await new Promise<void>((ok) => redis.once('ready', () => ok()));
}
