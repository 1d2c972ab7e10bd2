import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { NodeProcess } from '../../../testing/nodeProcess.ts';
import { TestPostgres } from '../../../testing/postgres.ts';
import { TestRedis } from '../../../testing/redis.ts';
import { waitFor } from '../../../testing/waitFor.ts';
import { CLOSE } from '../../../shared/protocol/closeCodes.ts';
import { closeCode, connect, rawSocket, synced } from '../collab/testkit.ts';

/**
 * Co-editing across two runtime nodes (`runtime/server/main.ts` twice) on one throwaway PostgreSQL and one
 * throwaway Redis (SPEC §8.6): two editors of one stream on different nodes see each other's edits and carets
 * live, and a late joiner on one node gets what was stored through the other; a sign-out or a stream deleted
 * through one node closes the co-editing sockets of every node.
 */
let pg: TestPostgres;
let redis: TestRedis;
const nodes: NodeProcess[] = [];
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([TestPostgres.start({ fsync: false }), TestRedis.start()]);
  const databaseUrl = await pg.createDatabase();
  nodes.push(...['c1', 'c2'].map((name) => new NodeProcess({ name, databaseUrl, redisUrl: redis.url })));
  await Promise.all(nodes.map((n) => n.start()));
}, 120_000);

afterAll(async () => {
  for (const p of providers) p.destroy();
  await Promise.all(nodes.map((n) => n.close()));
  await redis?.stop();
  await pg?.destroy();
});

function open(node: NodeProcess, streamId: string, token: string): WebsocketProvider {
  const p = connect(`${node.ws}/collab`, streamId, token);
  providers.push(p);
  return p;
}

/** Another editor's caret as this provider sees it. */
function caretOf(p: WebsocketProvider, clientId: number): unknown {
  return (p.awareness.getStates().get(clientId) as { caret?: unknown } | undefined)?.caret;
}

describe('co-editing across nodes', () => {
  it("shows each editor the other's edits and caret live, and a late joiner everything stored", async () => {
    const [n1, n2] = nodes;
    const [marketer, admin] = await Promise.all([n1.login('marketer@demo.test'), n2.login('admin@demo.test')]);
    const list = await fetch(`${n1.base}/api/streams`, { headers: { authorization: `Bearer ${marketer}` } });
    const streamId = ((await list.json()) as { id: string }[])[0].id;

    const a = open(n1, streamId, marketer);
    const b = open(n2, streamId, admin);
    await Promise.all([synced(a), synced(b)]);
    // A map of its own: the demo's cards stay as they are.
    const probeA = a.doc.getMap<number>('probe');
    const probeB = b.doc.getMap<number>('probe');
    probeA.set('fromNode1', 1);
    await waitFor('node 2 to see the edit made on node 1', () => probeB.get('fromNode1') === 1);
    for (let i = 0; i < 40; i++) probeB.set(`b${i}`, i);
    await waitFor('node 1 to see 40 edits made on node 2', () => probeA.size === 41);

    a.awareness.setLocalStateField('caret', { card: 'ask', offset: 3 });
    await waitFor('the caret from node 1 on node 2', () => caretOf(b, a.doc.clientID) !== undefined);
    expect(caretOf(b, a.doc.clientID)).toEqual({ card: 'ask', offset: 3 });
    b.awareness.setLocalStateField('caret', { card: 'name', offset: 0 });
    await waitFor('the caret from node 2 on node 1', () => caretOf(a, b.doc.clientID) !== undefined);

    // An editor who leaves node 1 takes their caret away on node 2 too.
    const gone = a.doc.clientID;
    a.destroy();
    await waitFor('the caret to go', () => !b.awareness.getStates().has(gone));

    // Edits made on node 2 alone, then everyone leaves (both nodes compact what they hold).
    probeB.set('last', 99);
    b.destroy();
    const late = open(n1, streamId, marketer);
    await synced(late);
    await waitFor('the late joiner on node 1 to have every edit', () => late.doc.getMap('probe').size === 42);
    expect(late.doc.getMap('probe').toJSON()).toMatchObject({ fromNode1: 1, b39: 39, last: 99 });
    // The demo's draft is still whole beside the probe.
    expect(late.doc.getMap('cards').size).toBeGreaterThan(0);
  });

  it('closes the sockets of every node on a sign-out or a stream deleted through one node', async () => {
    const [n1, n2] = nodes;
    const [first, second] = await Promise.all([n1.login('marketer@demo.test'), n1.login('marketer@demo.test')]);
    const auth = { authorization: `Bearer ${second}` };
    const list = await fetch(`${n2.base}/api/streams`, { headers: auth });
    const demo = ((await list.json()) as { id: string }[])[0].id;
    const copy = await fetch(`${n2.base}/api/streams/${demo}/duplicate`, { method: 'POST', headers: auth });
    const streamId = ((await copy.json()) as { id: string }).id;

    // Two sockets on node 1 for the same person, each with its own sign-in session.
    const signedOut = await rawSocket(`${n1.ws}/collab/${streamId}?token=${first}`);
    const kept = await rawSocket(`${n1.ws}/collab/${streamId}?token=${second}`);
    // Listening before the sign-out: node 1 may close the socket before node 2's answer arrives.
    const signedOutClosed = closeCode(signedOut);
    const keptClosed = closeCode(kept);
    const out = await fetch(`${n2.base}/api/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${first}` },
    });
    expect(out.status).toBe(204);
    expect(await signedOutClosed).toBe(CLOSE.sessionEnded);

    // The other session's socket stays until the stream is deleted, through node 2 as well.
    expect(kept.readyState).toBe(kept.OPEN);
    const gone = await fetch(`${n2.base}/api/streams/${streamId}`, { method: 'DELETE', headers: auth });
    expect(gone.status).toBe(204);
    expect(await keptClosed).toBe(CLOSE.notFound);
  });
});
