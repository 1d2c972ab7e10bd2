import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLinted } from '../../shared/compile/compileLinted.ts';
import { exportStream } from '../../shared/stream/exportStream.ts';
import { parseStream } from '../../shared/stream/interchange.ts';
import { docToStream, streamToDoc } from '../../shared/stream/ydoc.ts';
import { hashPassword } from './auth/passwords.ts';
import { newId } from './store/ids.ts';
import type { Store } from './store/store.ts';
import type { NewUser, Role } from './store/users.ts';
import type { DraftIO } from './streams/draftIO.ts';

export const DEMO_PASSWORD = 'tributary-demo';
export const DEMO_ACCOUNTS = ['admin@demo.test', 'marketer@demo.test', 'agent@demo.test', 'agent2@demo.test'];

/**
 * The demo workspace of a fresh data directory (SPEC §8.4): team `sales` with two agents (offline until they
 * choose), an admin and a marketer, and the demo stream published as a dialogue targeted at /demo.
 */
export async function seedDemo(store: Store, drafts: DraftIO, root: string): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const doc = JSON.parse(readFileSync(join(root, 'examples', 'demo.json'), 'utf8'));
  const parsed = parseStream(doc);
  if (!parsed.ok) throw new Error(`examples/demo.json: ${parsed.error}`);
  const [marketer, a1, a2, streamId] = [newId('u'), newId('u'), newId('u'), newId('s')];
  const dialogue = {
    name: 'Demo: talk to sales',
    streamId,
    include: ['/demo'],
    exclude: [],
    priority: 1,
    triggers: {},
    showOnce: false,
    active: true,
  };
  // Published as `publishStream` would: the draft as it reads back, linted in the workspace being seeded.
  const stream = docToStream(streamToDoc(parsed.stream));
  const compiled = compileLinted(stream, {
    agents: [{ id: a1 }, { id: a2 }],
    teams: [{ id: 'sales' }],
    customAttributes: [],
    dialogue: { targetUrls: dialogue.include },
    publishing: true,
  });
  if (!compiled.ok) throw new Error(`examples/demo.json does not publish: ${JSON.stringify(compiled.diagnostics)}`);
  const user = (email: string, name: string, roles: Role[], extra: Partial<NewUser> = {}) => ({
    email,
    name,
    passwordHash: hash,
    roles,
    ...extra,
  });
  // One group: a node that dies half-way leaves no half-seeded workspace behind.
  await store.commit.atomically(() => {
    void store.meta.write('workspace', 'demo');
    void store.users.create(user('admin@demo.test', 'Ada Admin', ['admin']));
    void store.users.create(user('marketer@demo.test', 'Mia Marketer', ['marketer'], { canPublish: true }), marketer);
    void store.users.create(user('agent@demo.test', 'Alex Agent', ['agent'], { liveChat: true }), a1);
    void store.users.create(user('agent2@demo.test', 'Bea Agent', ['agent'], { liveChat: true }), a2);
    void store.teams.create('sales', 'Sales', [a1, a2]);
    void store.streams.create(stream.name, marketer, streamId);
    void drafts.create(streamId, stream);
    void store.streams.addVersion({
      streamId,
      hash: compiled.compiled.hash,
      compiled: compiled.compiled,
      source: exportStream(stream),
      publishedBy: marketer,
    });
    void store.dialogues.create(dialogue, 'd_demo');
  });
}

/** An empty workspace whose first admin comes from the environment (TRIBUTARY_DEMO=0). */
export async function seedAdmin(store: Store, email: string | undefined, password: string | undefined): Promise<void> {
  if (!email || !password)
    throw new Error('TRIBUTARY_DEMO=0 needs TRIBUTARY_ADMIN_EMAIL and TRIBUTARY_ADMIN_PASSWORD for the first admin');
  if (password.length < 8) throw new Error('TRIBUTARY_ADMIN_PASSWORD: use at least 8 characters');
  const hash = await hashPassword(password);
  await store.commit.atomically(() => {
    void store.meta.write('workspace', 'main');
    void store.users.create({ email, name: 'Admin', passwordHash: hash, roles: ['admin'] });
  });
}

/**
 * Seeds a fresh workspace once, however many nodes start at once on the same database: under the store-wide
 * lock, only when it has no user yet.
 */
export async function seedOnce(
  store: Store,
  drafts: DraftIO,
  opts: { root: string; demo: boolean; adminEmail?: string; adminPassword?: string },
): Promise<void> {
  await store.exclusively('seed', async () => {
    if ((await store.users.count()) > 0) return;
    if (opts.demo) await seedDemo(store, drafts, opts.root);
    else await seedAdmin(store, opts.adminEmail, opts.adminPassword);
  });
}
