import { NodeProcess } from '../../../testing/nodeProcess.ts';
import type { TestPostgres } from '../../../testing/postgres.ts';
import { TestRedis } from '../../../testing/redis.ts';
import { Client } from '../testkit.ts';

/**
 * Runtime nodes as processes (`runtime/server/main.ts`) on a fresh database of a throwaway PostgreSQL and a Redis
 * of their own, with the clients the tests open on them: the three-process cluster tests share these steps.
 */
export class TestNodes {
  readonly clients: Client[] = [];

  private constructor(
    readonly nodes: NodeProcess[],
    readonly redis: TestRedis,
  ) {}

  /** Nodes named `names`, started at once on a new database of `pg` and a new Redis; `env` goes to every node. */
  static async start(pg: TestPostgres, names: string[], env: Record<string, string> = {}): Promise<TestNodes> {
    const [databaseUrl, redis] = await Promise.all([pg.createDatabase(), TestRedis.start()]);
    const nodes = names.map((name) => new NodeProcess({ name, databaseUrl, redisUrl: redis.url, env }));
    const t = new TestNodes(nodes, redis);
    try {
      await Promise.all(nodes.map((n) => n.start()));
    } catch (err) {
      await t.close();
      throw err;
    }
    return t;
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.close();
    await Promise.all(this.nodes.map((n) => n.close()));
    await this.redis.stop();
  }

  async open(url: string): Promise<Client> {
    const c = await Client.open(url);
    this.clients.push(c);
    return c;
  }

  /** An agent signed in on `node`, online. */
  async agentOn(node: NodeProcess, email: string): Promise<Client> {
    const token = await node.login(email);
    const agent = await this.open(`${node.ws}/ws/agent?token=${token}`);
    await agent.next('hello', 15_000);
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    return agent;
  }

  /**
   * A new visitor on `node` who runs the demo stream to the live-chat hand-off; resolves with the socket, the
   * conversation id, the visitor's credential and the highest seq received.
   */
  async visitorToHandoff(node: NodeProcess, startId: string): Promise<Visitor> {
    const c = await this.open(`${node.ws}/ws/visitor`);
    c.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await c.next('welcome');
    c.send({ type: 'start', id: startId, dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const started = await c.next('started');
    await c.next('ask');
    c.send({ type: 'reply', id: `${startId}-1`, cardId: 'ask', answerId: 'yes' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'firstName');
    c.send({ type: 'reply', id: `${startId}-2`, cardId: 'name', text: 'Ada' });
    await c.next((m) => m.type === 'ask' && m.attribute === 'email');
    c.send({ type: 'reply', id: `${startId}-3`, cardId: 'email', text: 'ada@example.com' });
    await c.next('waiting');
    return { c, id: started.conversationId, visitorToken };
  }

  /** The visitor comes back on `node` (after a reconnect, or in another tab) with what the widget kept; resolves
   * with `welcome`. */
  async visitorResume(
    node: NodeProcess,
    v: Pick<Visitor, 'id' | 'visitorToken'>,
    lastSeq: number,
  ): Promise<{ c: Client; welcome: any }> {
    const c = await this.open(`${node.ws}/ws/visitor`);
    c.send({
      type: 'hello',
      v: 2,
      workspace: 'demo',
      url: 'http://localhost/demo',
      visitorToken: v.visitorToken,
      conversationId: v.id,
      lastSeq,
    });
    return { c, welcome: await c.next('welcome') };
  }

  /** The nodes that say they own routing (of those running). */
  async owners(among = this.nodes): Promise<NodeProcess[]> {
    const health = await Promise.all(among.map((n) => (n.running ? n.health().catch(() => undefined) : undefined)));
    return among.filter((_, i) => health[i]?.routingOwner);
  }

  /** The routing decisions about a conversation (their events, sorted), read through `node`'s admin API. */
  async decisions(node: NodeProcess, conversationId: string): Promise<string[]> {
    const body = await this.api(node, `/api/routing/decisions?conversation=${conversationId}`);
    return (body as { event: string }[]).map((d) => d.event).sort();
  }

  /** The stored transcript of a conversation, read through `node`. */
  async transcript(node: NodeProcess, conversationId: string): Promise<{ seq: number; type: string; text?: string }[]> {
    return ((await this.api(node, `/api/conversations/${conversationId}`)) as { items: never[] }).items;
  }

  /** GET (or another method with a JSON body) as the demo admin on `node`; any 2xx answer is its JSON. */
  async api(node: NodeProcess, path: string, method = 'GET', body?: unknown): Promise<unknown> {
    const token = await node.login('admin@demo.test');
    const r = await fetch(`${node.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path} on ${node.opts.name}: ${r.status} ${await r.text()}`);
    return r.json();
  }
}

export interface Visitor {
  c: Client;
  id: string;
  visitorToken: string;
}

/** Polls `check` until it holds (a generous bound, not a timing claim). */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
