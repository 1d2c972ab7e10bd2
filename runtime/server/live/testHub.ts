import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { seedDemo } from '../demo.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createDraftIO } from '../streams/draftIO.ts';
import { Hub } from './hub.ts';
import { readWorkspace } from './router.ts';
import { createVersionCache } from './versionCache.ts';

/** A socket that keeps what it is sent (the live layer's tests read it). */
export class FakeSocket {
  readonly got: any[] = [];
  send = (msg: unknown) => void this.got.push(msg);
  close = () => {};
  of(type: string): any[] {
    return this.got.filter((m) => m.type === type);
  }
}

export interface DemoHub {
  store: Store;
  hub: Hub;
  /** Stops the router, closes the store and removes its folder. */
  close(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../../..');
const metrics = { message() {}, decision() {}, timerLag() {} };

/** The live hub on a fresh SQLite store seeded with the demo workspace, without sockets or a server. */
export async function openDemoHub(name: string): Promise<DemoHub> {
  const dir = mkdtempSync(join(tmpdir(), `tributary-${name}-`));
  const store = await openStore({ dataDir: dir }, (err) => {
    throw err;
  });
  await seedDemo(store, createDraftIO(store.drafts), root);
  const hub = new Hub(
    store,
    createVersionCache(store.streams),
    pino({ level: 'silent' }),
    metrics,
    await readWorkspace(store),
  );
  await hub.boot();
  return {
    store,
    hub,
    async close() {
      hub.router.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
