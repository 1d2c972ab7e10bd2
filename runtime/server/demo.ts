import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStream } from '../../shared/stream/interchange.ts';
import { hashPassword } from './auth/passwords.ts';
import type { Store } from './store/store.ts';
import type { DraftIO } from './streams/draftIO.ts';
import { publishStream } from './streams/publish.ts';

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
  store.tx(() => {
    store.meta.write('workspace', 'demo');
    store.users.create({ email: 'admin@demo.test', name: 'Ada Admin', passwordHash: hash, roles: ['admin'] });
    const marketer = store.users.create({
      email: 'marketer@demo.test',
      name: 'Mia Marketer',
      passwordHash: hash,
      roles: ['marketer'],
      canPublish: true,
    });
    const a1 = store.users.create({
      email: 'agent@demo.test',
      name: 'Alex Agent',
      passwordHash: hash,
      roles: ['agent'],
      liveChat: true,
    });
    const a2 = store.users.create({
      email: 'agent2@demo.test',
      name: 'Bea Agent',
      passwordHash: hash,
      roles: ['agent'],
      liveChat: true,
    });
    store.teams.create('sales', 'Sales', [a1.id, a2.id]);
    const stream = store.streams.create(parsed.stream.name, marketer.id);
    drafts.create(stream.id, parsed.stream);
    const published = publishStream(store, drafts, stream.id, marketer.id);
    if (!published.ok) throw new Error(`examples/demo.json does not publish: ${JSON.stringify(published)}`);
    store.dialogues.create(
      {
        name: 'Demo: talk to sales',
        streamId: stream.id,
        include: ['/demo'],
        exclude: [],
        priority: 1,
        triggers: {},
        showOnce: false,
        active: true,
      },
      'd_demo',
    );
  });
}

/** An empty workspace whose first admin comes from the environment (TRIBUTARY_DEMO=0). */
export async function seedAdmin(store: Store, email: string | undefined, password: string | undefined): Promise<void> {
  if (!email || !password)
    throw new Error('TRIBUTARY_DEMO=0 needs TRIBUTARY_ADMIN_EMAIL and TRIBUTARY_ADMIN_PASSWORD for the first admin');
  if (password.length < 8) throw new Error('TRIBUTARY_ADMIN_PASSWORD: use at least 8 characters');
  const hash = await hashPassword(password);
  store.tx(() => {
    store.meta.write('workspace', 'main');
    store.users.create({ email, name: 'Admin', passwordHash: hash, roles: ['admin'] });
  });
}
