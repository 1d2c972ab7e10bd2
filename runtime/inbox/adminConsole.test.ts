import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentOnline, signIn, startInbox, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Permissions on transcripts (UI and API), and the admin console used the way a new admin would. */
describe('transcript permissions and the admin console', () => {
  let h: InboxHarness;
  let conversationId = '';
  const visitors: ScriptedVisitor[] = [];

  beforeAll(async () => {
    h = await startInbox();
    // Alex holds a chat with Ada; Bea (no "view all") must not read it.
    const { context } = await agentOnline(h, 'agent@demo.test');
    const ada = await ScriptedVisitor.askForAgent(h.server.base, { firstName: 'Ada', email: 'ada@example.com' });
    visitors.push(ada);
    const page = context.pages()[0];
    await page.click('[data-tributary=accept]');
    await ada.next((m) => m.type === 'agentJoined');
    ada.say('A private question about pricing');
    await page.waitForSelector('[data-tributary=message]:has-text("A private question")');
    conversationId = ada.conversationId;
    await context.close();
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
  });

  it('keeps another agent\'s transcript from an agent without "view all", in the UI and the API', async () => {
    const beaToken = await h.server.login('agent2@demo.test');
    expect((await h.server.api('GET', `/api/conversations/${conversationId}`, { token: beaToken })).status).toBe(403);

    const { page, context } = await signIn(h, 'agent2@demo.test');
    await page.goto(`${h.server.base}/inbox/conversations/${conversationId}`);
    await page.waitForSelector('[data-tributary=transcript-error]');
    expect(await page.locator('[data-tributary=transcript-error]').textContent()).toBe(
      'You can only read your own conversations.',
    );
    expect(await page.locator('[data-tributary=scope-all]').count()).toBe(0);
    expect(await page.locator(`[data-conversation="${conversationId}"]`).count()).toBe(0);
    expect(await page.content()).not.toContain('A private question');
    await page.goto(`${h.server.base}/inbox/admin/users`);
    await page.waitForSelector('text=Only admins can open this page.');
    expect((await h.server.api('GET', '/api/users', { token: beaToken })).status).toBe(403);

    // An admin gives Bea "view all" in the users page; after a reload she can read it.
    const admin = await signIn(h, 'admin@demo.test');
    await admin.page.goto(`${h.server.base}/inbox/admin/users`);
    const row = admin.page.locator('[data-tributary=user-row][data-user="agent2@demo.test"]');
    await row.getByLabel('View all conversations').check();
    await expect.poll(async () => (await h.server.api('GET', '/api/me', { token: beaToken })).body.viewAll).toBe(true);
    await page.goto(`${h.server.base}/inbox/conversations`);
    await page.click('[data-tributary=scope-all]');
    // The search runs on the server: a word the visitor wrote finds it, an unknown one finds nothing.
    const search = page.locator('[data-tributary=conversation-search]');
    await search.fill('zzzz-nobody');
    await expect.poll(() => page.locator('[data-tributary=conversation]').count()).toBe(0);
    await search.fill('pric');
    await page.waitForSelector(`[data-conversation="${conversationId}"]`);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/inbox-search.png` });
    await page.click(`[data-conversation="${conversationId}"]`);
    await page.waitForSelector(
      '[data-tributary=transcript-view] [data-tributary=message]:has-text("A private question about pricing")',
    );
    await context.close();
    await admin.context.close();
  });

  it('lets a new admin add an agent, a team, ordered rules, settings and an attribute, then read the routing log and run a what-if', async () => {
    const { page, context } = await signIn(h, 'admin@demo.test');
    const api = (path: string) => h.server.api('GET', path, { token: h.adminToken }).then((r) => r.body);
    expect(await page.locator('[data-tributary=availability]').count()).toBe(0);

    // Users: a new agent.
    await page.click('text=Admin');
    await page.click('[data-tributary=add-user]');
    const form = page.locator('[data-tributary=new-user]');
    await form.getByLabel('Name').fill('Cho Agent');
    await form.getByLabel('Email').fill('cho@demo.test');
    await form.getByLabel('Password').fill('cho-password-1');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-tributary=user-row][data-user="cho@demo.test"]');
    const cho = (await api('/api/users')).find((u: any) => u.email === 'cho@demo.test');
    expect(cho).toMatchObject({ roles: ['agent'], liveChat: true, viewAll: false });

    // Teams: "Support" with Cho.
    await page.click('.admin-nav >> text=Teams');
    await page.getByLabel('Team name').first().fill('Support');
    await page.click('text=Add team');
    const team = page.locator('[data-tributary=team][data-team=support]');
    await team.getByLabel('Cho Agent').check();
    await expect
      .poll(async () => (await api('/api/teams')).find((t: any) => t.id === 'support')?.members)
      .toEqual([cho.id]);

    // Attributes: a custom one, then usable in rules.
    await page.click('.admin-nav >> text=Attributes');
    await page.fill('[data-tributary=attribute-name]', 'country');
    await page.getByPlaceholder('Label').fill('Country');
    await page.click('text=Add attribute');
    await page.waitForSelector('[data-tributary=attribute-row]:has-text("country")');

    // Rules: two rules, reordered, saved.
    await page.click('.admin-nav >> text=Routing rules');
    await page.click('[data-tributary=add-rule]');
    await page.click('[data-tributary=add-rule]');
    const rules = page.locator('[data-tributary=rule]');
    await rules.nth(0).locator('[data-tributary=condition-attribute]').selectOption('country');
    await rules.nth(0).locator('[data-tributary=condition-value]').fill('KR');
    await rules.nth(1).locator('[data-tributary=condition-attribute]').selectOption('email');
    await rules.nth(1).locator('[data-tributary=condition-op]').selectOption('isNotEmpty');
    await rules.nth(1).locator('select[aria-label="Team"]').selectOption('support');
    await rules.nth(1).locator('[data-tributary=rule-up]').click();
    // Dragging a rule's handle onto another rule reorders too: drag the KR rule back up, then undo with the arrows.
    const order = () => rules.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.rule));
    const before = await order();
    await rules.nth(1).locator('.drag-handle').dragTo(rules.nth(0));
    expect(await order()).toEqual([before[1], before[0]]);
    await rules.nth(1).locator('[data-tributary=rule-up]').click();
    expect(await order()).toEqual(before);
    await page.click('[data-tributary=save-rules]');
    await expect
      .poll(async () => (await api('/api/rules')).map((r: any) => JSON.stringify(r.when)))
      .toEqual([
        JSON.stringify({ attribute: 'email', op: 'isNotEmpty' }),
        JSON.stringify({ attribute: 'country', op: 'is', value: 'KR' }),
      ]);
    expect((await api('/api/rules'))[0].route).toEqual({ teamId: 'support' });

    // Settings.
    await page.click('.admin-nav >> text=Settings');
    await page.fill('[data-tributary=setting-fallbackMessage]', 'Leave a note and we will write back.');
    await page.fill('[data-tributary=setting-acceptTimeoutSec]', '30');
    await page.click('[data-tributary=save-settings]');
    await expect.poll(async () => (await api('/api/settings')).acceptTimeoutSec).toBe(30);
    expect((await api('/api/settings')).fallbackMessage).toBe('Leave a note and we will write back.');
    expect(await page.textContent('.usage')).toContain('1 of 100 trial engagements used');

    // Routing log: Ada's offer and connection to Alex, with the why; filter by agent.
    await page.click('.admin-nav >> text=Routing log');
    await page.waitForSelector('[data-tributary=decision][data-event=connected]');
    expect(await page.locator('[data-tributary=decision][data-event=offered]').textContent()).toContain('Alex Agent');
    await page.selectOption('[data-tributary=filter-agent]', { label: 'Bea Agent' });
    await page.click('[data-tributary=apply-filters]');
    await page.waitForSelector('text=No routing decisions match.');

    // What-if: without live chat for Alex, Ada's chat would have been offered to Bea (who never accepted it).
    await page.click('.admin-nav >> text=What-if');
    const alexRow = page.locator('[data-tributary=what-if-agent]', { hasText: 'Alex Agent' });
    await alexRow.getByLabel('Live chat').uncheck();
    const beaRow = page.locator('[data-tributary=what-if-agent]', { hasText: 'Bea Agent' });
    await beaRow.locator('select').selectOption('online');
    await page.click('[data-tributary=run-what-if]');
    await page.waitForSelector('[data-tributary=what-if-summary]');
    expect(await page.textContent('[data-tributary=what-if-summary]')).toMatch(
      /^\d+ requests replayed, [1-9]\d* would change$/,
    );
    const row = page.locator('[data-tributary=what-if-row]').first();
    expect(await row.locator('[data-tributary=what-if-outcome]').first().textContent()).toContain(
      'Connected Alex Agent',
    );
    expect(await row.textContent()).toContain('Bea Agent');

    // An agent's profile picture: uploaded in their profile, shown in the inbox and to visitors.
    const agent = await signIn(h, 'agent@demo.test');
    await agent.page.click('[data-tributary=me]');
    await agent.page.setInputFiles('[data-tributary=avatar-file]', {
      name: 'me.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await agent.page.waitForSelector('[data-tributary=me] img.avatar');
    const src = await agent.page.getAttribute('[data-tributary=me] img.avatar', 'src');
    expect(src).toMatch(/^\/api\/users\/.+\/avatar/);
    expect((await fetch(h.server.base + src)).headers.get('content-type')).toBe('image/png');
    await agent.context.close();

    // The whole console speaks Korean too.
    await page.selectOption('[data-tributary=language]', 'ko');
    await page.waitForSelector('text=가상 실행');
    await context.close();
  });

  it("follows the browser's language on first visit", async () => {
    const context = await h.browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(`${h.server.base}/inbox`);
    await page.waitForSelector('text=받은 편지함에 로그인');
    await context.close();
  });
});
