import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLinted } from '../../../shared/compile/compileLinted.ts';
import type { CompiledStream } from '../../../shared/compile/format.ts';
import { parseStream } from '../../../shared/stream/interchange.ts';
import { TestPostgres } from '../../../testing/postgres.ts';
import { seedDemo } from '../demo.ts';
import { setStatus } from '../live/agentOps.ts';
import { Hub } from '../live/hub.ts';
import { accept, agentEnd, decline } from '../live/liveChat.ts';
import { readWorkspace } from '../live/router.ts';
import { createVersionCache } from '../live/versionCache.ts';
import { planStart, reply, startConversation, visitorEnd } from '../live/visitorOps.ts';
import { newId } from '../store/ids.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createDraftIO } from '../streams/draftIO.ts';
import { recount } from './test/recount.ts';
import { RESULTS_STREAM } from './test/resultsStream.ts';

const root = resolve(import.meta.dirname, '../../..');
const metrics = { message() {}, decision() {}, timerLag() {} };
let pgServer: TestPostgres | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  pgServer = await TestPostgres.start({ fsync: false });
});
afterAll(async () => {
  await pgServer?.destroy();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** What a visitor (or the agent holding their chat) does next: a choice read modulo what is possible. */
const script = fc.array(fc.nat(20), { maxLength: 9 });

describe.each(['sqlite', 'postgres'] as const)('results counting on %s', (backend) => {
  it('keeps counters equal to a recount from the stored conversations after random conversations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-results-'));
    dirs.push(dir);
    const databaseUrl = backend === 'postgres' ? await pgServer!.createDatabase() : undefined;
    const failures: unknown[] = [];
    const store: Store = await openStore({ dataDir: dir, databaseUrl }, (err, kind) => {
      if (kind !== 'background') failures.push(err);
    });
    await seedDemo(store, createDraftIO(store.drafts), root);
    const { streamId, compiled } = await publish(store);
    const hub = new Hub(store, createVersionCache(store.streams), pino({ level: 'silent' }), metrics, {
      ...(await readWorkspace(store)),
    });
    await hub.boot();
    const agents = (await store.users.list()).filter((u) => u.roles.includes('agent')).map((u) => u.id);
    for (const a of agents) {
      hub.agents.add(a, { userId: a, token: 't', send() {}, close() {} });
      setStatus(hub, a, 'online');
    }
    await store.commit.settled();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(script, { minLength: 1, maxLength: 8 }), async (scripts) => {
          for (const choices of scripts) await converse(hub, compiled, choices);
          await store.commit.settled();
          const counted = new Map<string, number>();
          for (const s of await store.results.sums({ streamId, version: 1 })) {
            if (s.kind === 'chat' && s.key === 'acceptMs') continue;
            if (
              ['chat.acceptHist', 'agent.acceptMs', 'agent.acceptHist', 'agent.offered', 'agent.missed'].includes(
                s.kind,
              )
            )
              continue;
            if (s.n !== 0) counted.set(`${s.kind}|${s.key}`, s.n);
          }
          expect(Object.fromEntries([...counted].sort())).toEqual(
            Object.fromEntries([...(await recount(store, compiled, streamId, 1))].sort()),
          );
        }),
        { numRuns: backend === 'postgres' ? 6 : 12, seed: 17 },
      );
      // Something of everything happened (the generator reaches every kind of move).
      const kinds = new Set((await store.results.sums({ streamId })).map((s) => `${s.kind}|${s.key}`));
      for (const k of [
        'conv|completed',
        'conv|handoff',
        'conv|dropped',
        'conv|missed',
        'chat|connected',
        'goal|vip',
        'card.left|em',
      ])
        expect(kinds).toContain(k);
    } finally {
      hub.router.stop();
      await store.close();
    }
  }, 120_000);
});

/** Publishes the results test stream as version 1 of a new stream with a dialogue on `/x`. */
async function publish(store: Store): Promise<{ streamId: string; compiled: CompiledStream }> {
  const parsed = parseStream(RESULTS_STREAM);
  if (!parsed.ok) throw new Error(parsed.error);
  const result = compileLinted(parsed.stream, {
    agents: [],
    teams: [{ id: 'sales' }],
    customAttributes: [],
    dialogue: { targetUrls: ['/x'] },
    publishing: true,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const streamId = newId('s');
  await store.commit.atomically(() => {
    void store.streams.create('Results test', null, streamId);
    void store.streams.addVersion({
      streamId,
      hash: result.compiled.hash,
      compiled: result.compiled,
      source: RESULTS_STREAM,
      publishedBy: null,
    });
  });
  const dialogue = {
    name: 'Results test',
    streamId,
    include: ['/x'],
    exclude: [],
    priority: 1,
    triggers: {},
    showOnce: false,
    active: true,
  };
  await store.dialogues.create(dialogue, 'd_results');
  return { streamId, compiled: result.compiled };
}

/** One conversation driven by `choices`: replies (valid or not), leaving, an agent's accept, decline or end. */
async function converse(hub: Hub, compiled: CompiledStream, choices: number[]): Promise<void> {
  const visitorId = newId('v');
  const plan = await planStart(hub, visitorId, 'd_results', 'http://localhost/x');
  if ('code' in plan) throw new Error(plan.message);
  const conv = startConversation(hub, newId('c'), visitorId, plan);
  let n = 0;
  for (const c of choices) {
    const rec = conv.rec;
    const engine = rec.engine as { status: string; cardId: string | null };
    if (rec.status === 'ended') break;
    if (rec.status === 'bot' && engine.status === 'waiting' && engine.cardId) {
      if (c >= 18) {
        visitorEnd(hub, conv);
        break;
      }
      const card = compiled.cards[engine.cardId];
      const data = card.data as { answers?: { id: string }[]; attribute?: string };
      const msg = data.answers
        ? { id: `r${n++}`, cardId: engine.cardId, answerId: data.answers[c % data.answers.length].id }
        : {
            id: `r${n++}`,
            cardId: engine.cardId,
            text:
              data.attribute === 'email' ? (c % 3 ? `p${c}@example.com` : 'not an email') : c % 2 ? 'Acme' : 'Other',
          };
      expect(reply(hub, conv, msg, () => {})).toBeUndefined();
    } else if (rec.status === 'waiting') {
      const offer = hub.router.state.visitors.get(rec.id)?.offer;
      if (c % 4 === 3 || !offer) visitorEnd(hub, conv);
      else if (c % 4 === 2) decline(hub, offer.agent, rec.id);
      else accept(hub, offer.agent, rec.id);
    } else if (rec.status === 'live') {
      if (c % 2) agentEnd(hub, rec.agentId!, rec.id);
      else visitorEnd(hub, conv);
    }
    // Some turns carry several steps, some one.
    if (c % 4 === 0) await hub.store.commit.settled();
  }
  await hub.store.commit.settled();
}
