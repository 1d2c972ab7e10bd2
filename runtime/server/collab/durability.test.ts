import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollabServer } from './harness.ts';
import { cardsOf, connect, synced, syncRoundTrip, waitFor } from './testkit.ts';

const SERVER_SCRIPT = fileURLToPath(new URL('./testServer.ts', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'collab-'));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function spawnServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT, dir, 's1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { child, url: `ws://127.0.0.1:${port}/collab` };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Loads what a fresh client gets from a server on `url`. */
async function fetchDraft(url: string): Promise<Record<string, unknown>> {
  const p = connect(url, 's1', 'm:reader');
  await synced(p);
  const cards = cardsOf(p.doc);
  p.destroy();
  return cards;
}

describe('collab durability', () => {
  it('relays an update and answers a sync only once the update is stored', async () => {
    const dir = tempDir();
    const held: Array<() => void> = [];
    const server = await startCollabServer(dir, {
      wrapDrafts: (real) => ({
        ...real,
        append: (id, update, then) => void held.push(() => real.append(id, update, then)),
        whenStored: (then) => void held.push(() => real.whenStored(then)),
      }),
    });
    server.drafts.create('s1', Y.encodeStateAsUpdate(new Y.Doc()));
    const a = connect(server.url, 's1', 'm:ann');
    const b = connect(server.url, 's1', 'm:bob');
    const release = setInterval(() => held.splice(0).forEach((f) => f()), 5);
    await Promise.all([synced(a), synced(b)]);
    clearInterval(release);
    try {
      a.doc.getMap('cards').set('k', 1);
      let acknowledged = false;
      const roundTrip = syncRoundTrip(a).then(() => (acknowledged = true));
      await waitFor(() => held.length === 2, 'the append and the sync to reach the store');
      await new Promise((r) => setTimeout(r, 100));
      expect(cardsOf(b.doc)).toEqual({});
      expect(acknowledged).toBe(false);
      expect(server.db.prepare('select count(*) n from collab_update').get()).toEqual({ n: 1 });

      held.splice(0).forEach((f) => f());
      await roundTrip;
      await waitFor(() => cardsOf(b.doc).k === 1, 'the relayed update');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, (await server.drafts.load('s1'))!);
      expect(cardsOf(doc)).toEqual({ k: 1 });
    } finally {
      a.destroy();
      b.destroy();
      server.close();
    }
  });

  it('keeps every update across a restart of the app and its database', async () => {
    const dir = tempDir();
    let server = await startCollabServer(dir);
    server.drafts.create('s1', Y.encodeStateAsUpdate(new Y.Doc()));
    const a = connect(server.url, 's1');
    await synced(a);
    for (let i = 0; i < 50; i++) a.doc.getMap('cards').set(`c${i}`, { x: i, y: i });
    await syncRoundTrip(a);
    const expected = cardsOf(a.doc);
    a.destroy();
    server.close();

    server = await startCollabServer(dir);
    try {
      expect(await fetchDraft(server.url)).toEqual(expected);
    } finally {
      server.close();
    }
  });

  it('loses no acknowledged update when the server is killed with SIGKILL mid-load', async () => {
    const dir = tempDir();
    const first = await spawnServer(dir);
    const writer = connect(first.url, 's1', 'm:ann');
    await synced(writer);
    const cards = writer.doc.getMap('cards');
    let sent = 0;
    let acknowledged = 0;
    // Batches of edits, each followed by a sync round trip: everything sent before a completed round trip is
    // acknowledged. The last batch is still in flight when the server dies.
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 20; i++) cards.set(`c${sent++}`, { x: sent, y: round });
      const before = sent;
      await syncRoundTrip(writer);
      acknowledged = before;
    }
    for (let i = 0; i < 200; i++) cards.set(`c${sent++}`, { x: sent, y: -1 });
    await killed(first.child);
    writer.destroy();

    const second = await spawnServer(dir);
    const survived = await fetchDraft(second.url);
    for (let i = 0; i < acknowledged; i++) expect(survived[`c${i}`], `c${i}`).toBeDefined();
    expect(Object.keys(survived).length).toBeGreaterThanOrEqual(acknowledged);
  });
});
