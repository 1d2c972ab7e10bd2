import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { NodeProcess } from '../../../testing/nodeProcess.ts';
import { TestPostgres } from '../../../testing/postgres.ts';
import { TestRedis } from '../../../testing/redis.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { bootServer, Client, type TestServer } from '../testkit.ts';
import { TestNodes } from './nodesTestkit.ts';

/**
 * For tests of what a node does about entries "another node" stored: one node on a throwaway PostgreSQL + Redis,
 * and a second store on the same database that stores entries behind the node's back, before any word of them
 * reaches the node over Redis (as a node does whose publishes Redis lost, or that got the same frame first).
 */
export class OtherNodeWorld {
  private readonly clients: Client[] = [];
  private readonly nodes: TestServer[] = [];

  private constructor(
    readonly t: TestServer,
    readonly other: Store,
    readonly redisUrl: string,
    private readonly stop: () => Promise<void>,
  ) {}

  static async start(): Promise<OtherNodeWorld> {
    const [pg, redis] = await Promise.all([TestPostgres.start({ fsync: false }), TestRedis.start()]);
    const databaseUrl = await pg.createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'tributary-other-node-'));
    const t = await bootServer({ databaseUrl, redisUrl: redis.url });
    const other = await openStore({ dataDir: dir, databaseUrl }, () => undefined);
    return new OtherNodeWorld(t, other, redis.url, async () => {
      await t.close();
      await other.close();
      await redis.stop();
      await pg.destroy();
      rmSync(dir, { recursive: true, force: true });
    });
  }

  /** Another node of the cluster, in this process (the same database and Redis), closed with the world. */
  async secondNode(): Promise<TestServer> {
    const n = await bootServer({ databaseUrl: this.t.databaseUrl, redisUrl: this.redisUrl });
    this.nodes.push(n);
    return n;
  }

  /** A socket on the node (or on `on`, another node of the world's cluster), closed with the world. */
  async open(path: string, on: TestServer = this.t): Promise<Client> {
    const c = await Client.open(`${on.ws}${path}`);
    this.clients.push(c);
    return c;
  }

  /**
   * The demo agent online and a visitor walked through the demo stream to them: the chat is live.
   * Resolves with both sockets, the conversation, the agent's id and the visitor's token.
   */
  async liveChat(): Promise<{ agent: Client; v: Client; id: string; agentId: string; visitorToken: string }> {
    const agent = await this.open(`/ws/agent?token=${await this.t.login('agent@demo.test')}`);
    const hello = await agent.next('hello');
    agent.send({ type: 'status', status: 'online' });
    await agent.next('status');
    const v = await this.open('/ws/visitor');
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await v.next('welcome');
    v.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const id = (await v.next('started')).conversationId;
    await v.next('ask');
    v.send({ type: 'reply', id: 's-1', cardId: 'ask', answerId: 'yes' });
    await v.next(askFor('firstName'));
    v.send({ type: 'reply', id: 's-2', cardId: 'name', text: 'Ada' });
    await v.next(askFor('email'));
    v.send({ type: 'reply', id: 's-3', cardId: 'email', text: 'ada@example.com' });
    await v.next('waiting');
    await agent.next('offer');
    agent.send({ type: 'accept', conversationId: id });
    await agent.next('chatOpened');
    await v.next('agentJoined');
    return { agent, v, id, agentId: hello.me.id, visitorToken };
  }

  /**
   * Stores `drafts` through the other store as the next entries of the conversation, with their client ids' keys;
   * resolves with their seqs. The keys must not be taken yet. A draft's `at` (default now) says when it was stored.
   */
  storeElsewhere(id: string, drafts: object[]): Promise<number[]> {
    return storeBehind(this.other, id, drafts);
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.close();
    for (const n of this.nodes) await n.close();
    await this.stop();
  }
}

/**
 * The same with node processes (`TestNodes`: a node may be frozen or killed) on a throwaway PostgreSQL, and a
 * store of the test's own on their database that stores what "another node" stored.
 */
export class OtherNodeProcesses {
  private constructor(
    private readonly t: TestNodes,
    readonly store: Store,
    private readonly stop: () => Promise<void>,
  ) {}

  /** Nodes named `names`, `env` going to every node (`TestNodes.start`). */
  static async start(names: string[], env: Record<string, string> = {}): Promise<OtherNodeProcesses> {
    const pg = await TestPostgres.start({ fsync: false });
    const dir = mkdtempSync(join(tmpdir(), 'tributary-other-node-'));
    let t: TestNodes | undefined;
    let store: Store | undefined;
    const stop = async () => {
      await t?.close();
      await store?.close();
      await pg.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      t = await TestNodes.start(pg, names, env);
      store = await openStore({ dataDir: dir, databaseUrl: t.nodes[0].opts.databaseUrl }, () => undefined);
      return new OtherNodeProcesses(t, store, stop);
    } catch (err) {
      await stop();
      throw err;
    }
  }

  get nodes(): NodeProcess[] {
    return this.t.nodes;
  }

  /** A new visitor on `node` who started the demo stream: resolves with the socket, the conversation, the
   * visitor's credential and the seq of the bot's first question. */
  async visitorAtFirstQuestion(
    node: NodeProcess,
    startId: string,
  ): Promise<{ v: Client; id: string; visitorToken: string; ask: number }> {
    const v = await this.t.open(`${node.ws}/ws/visitor`);
    v.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
    const { visitorToken } = await v.next('welcome');
    v.send({ type: 'start', id: startId, dialogueId: 'd_demo', url: 'http://localhost/demo' });
    const id = (await v.next('started')).conversationId as string;
    return { v, id, visitorToken, ask: (await v.next('ask')).seq as number };
  }

  /** Another tab of the visitor, opened on `node` showing the conversation up to `lastSeq`: resolves with its
   * socket once welcomed. */
  async tab(node: NodeProcess, visitor: { id: string; visitorToken: string }, lastSeq: number): Promise<Client> {
    return (await this.t.visitorResume(node, visitor, lastSeq)).c;
  }

  close(): Promise<void> {
    return this.stop();
  }
}

/** Matches the bot's question that captures `attribute`. */
export function askFor(attribute: string): (m: any) => boolean {
  return (m) => m.type === 'ask' && m.attribute === attribute;
}

/** `OtherNodeWorld.storeElsewhere` through any store on the cluster's database. */
export async function storeBehind(store: Store, id: string, drafts: object[]): Promise<number[]> {
  const before = await store.conversations.items(id);
  let seq = before[before.length - 1].seq;
  const list = drafts.map((d) => ({ at: Date.now(), ...d, seq: ++seq })) as unknown as TranscriptItem[];
  await store.conversations.addItems(id, list, undefined, (shift, taken) => {
    if (taken.size > 0) throw new Error(`keys already taken: ${[...taken].join(', ')}`);
    for (const i of list) i.seq += shift;
    return { items: list, json: list.map((i) => JSON.stringify(i)) };
  });
  return list.map((i) => i.seq);
}
