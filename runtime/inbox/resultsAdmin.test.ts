import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDemo } from '../server/results/test/visitor.ts';
import { agentOnline, signIn, startInbox, type InboxHarness } from './testing/harness.ts';
import { ScriptedVisitor } from './testing/visitor.ts';

const SHOTS = process.env.TRIBUTARY_SHOTS;

/** The admin console's results pages in Chromium, on a real runtime with real conversations. */
describe('results in the admin console', () => {
  let h: InboxHarness;
  const visitors: ScriptedVisitor[] = [];

  // A receiver on the loopback: failing (503) until told otherwise; keeps what it got.
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let failing = true;
  let receiver: Server;
  let receiverUrl = '';

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(failing ? 503 : 204).end();
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    // Deliveries retried every 100 ms, an endpoint failing for 600 ms turned off: a day of failures, shortened.
    h = await startInbox({
      webhooks: { pollMs: 30, backoffMs: [100], disableAfterMs: 600, timeoutMs: 2000, leaseMs: 5000 },
    });
    const ws = h.server.base.replace(/^http/, 'ws');
    (await walkDemo(ws, ['no'], 'ended')).close();
    (await walkDemo(ws, ['no'], 'ended')).close();
    // Nobody online yet: a missed live chat.
    (await walkDemo(ws, ['yes', 'Cy', 'cy@example.com'], 'fallback')).close();
    // Alex is online and accepts Ada's chat in the inbox.
    const { context } = await agentOnline(h, 'agent@demo.test');
    const ada = await ScriptedVisitor.askForAgent(h.server.base, { firstName: 'Ada', email: 'ada@example.com' });
    visitors.push(ada);
    await context.pages()[0].click('[data-tributary=accept]');
    await ada.next((m) => m.type === 'agentJoined');
    await context.close();
  }, 240_000);
  afterAll(async () => {
    for (const v of visitors) v.close();
    await h?.close();
    receiver?.close();
  });

  it('draws the dashboard charts from the counts: conversations and goals per stream, live chats per agent', async () => {
    const { page, context } = await signIn(h, 'admin@demo.test');
    await page.goto(`${h.server.base}/inbox/admin/dashboard`);
    await page.waitForSelector('[data-tributary=dashboard-streams] tbody tr td');
    await page.selectOption('[data-tributary=dashboard-range]', '7');
    // Three uPlot charts, each drawn on a canvas with a point per day and one legend entry per series.
    const charts = page.locator('[data-tributary=chart]');
    await expect.poll(() => charts.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => charts.nth(i).getAttribute('data-points')).toBe('7');
      expect(await charts.nth(i).locator('.uplot canvas').count()).toBe(1);
      expect(await charts.nth(i).locator('.u-legend .u-series').count()).toBeGreaterThan(2);
    }
    // What the charts draw, as totals: 4 conversations of the demo, 2 goals, 2 requests of which Alex took 1.
    const demoRow = page.locator('[data-tributary=dashboard-streams] tbody tr', { hasText: 'Demo' });
    expect((await demoRow.locator('td').allInnerTexts()).slice(1)).toEqual(['4', '4', '2', '2', '50%', '2', '1']);
    const alexRow = page.locator('[data-tributary=dashboard-agents] tbody tr', { hasText: 'Alex Agent' });
    const alex = await alexRow.locator('td').allInnerTexts();
    expect(alex.slice(1, 4)).toEqual(['1', '1', '0']);
    expect(alex[4]).toMatch(/^≤ \d+ s$/);
    // Hovering today's point shows its values in the legend (the charts hold the numbers, not just axes).
    const plot = charts.nth(0).locator('.u-over');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
    await expect.poll(() => charts.nth(0).locator('.u-legend .u-series').nth(1).innerText()).toMatch(/Started\s*4/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('adds a webhook endpoint (secret shown once), logs failing deliveries, turns a failing endpoint off with a notice, resends', async () => {
    const { page, context } = await signIn(h, 'admin@demo.test');
    await page.goto(`${h.server.base}/inbox/admin/webhooks`);
    await page.fill('[data-tributary=webhook-url]', receiverUrl);
    await page.click('[data-tributary=webhook-add]');
    const secret = (await page.locator('[data-tributary=webhook-secret] code').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = page.locator('[data-tributary=webhook]');
    await expect.poll(() => endpoint.count()).toBe(1);
    expect(await endpoint.textContent()).toContain('conversation.ended');

    // A test event to a receiver that fails: logged with its HTTP status and attempts, until the endpoint is
    // turned off; then every page of the console tells admins.
    await endpoint.locator('[data-tributary=webhook-test]').click();
    await endpoint.locator('[data-tributary=webhook-log-toggle]').click();
    const row = endpoint.locator('[data-tributary=webhook-delivery]').first();
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toMatch(/webhook\.test[\s\S]*503/);
    await expect
      .poll(async () => (await h.server.api('GET', '/api/webhooks', { token: h.adminToken })).body[0].enabled, {
        timeout: 20_000,
      })
      .toBe(false);
    await page.goto(`${h.server.base}/inbox/admin/dashboard`);
    const notice = page.locator('[data-tributary=webhook-notice]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain(receiverUrl);
    // Said in the page's words and dates (the last error is in the delivery log).
    expect(await notice.innerText()).toMatch(/every delivery failed from .+ to .+\./);
    await notice.getByRole('link').click();
    await page.locator('[data-tributary=webhook-disabled-reason]').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/webhooks-disabled.png` });

    // The receiver recovers; turned on again, the waiting delivery goes through; "resend" sends it once more
    // with the same webhook-id, signed so that the standard library verifies it.
    failing = false;
    await page.locator('[data-tributary=webhook-toggle]').click();
    await page.locator('[data-tributary=webhook-log-toggle]').click();
    const delivered = page.locator('[data-tributary=webhook-delivery][data-status=delivered]');
    await expect.poll(() => delivered.count(), { timeout: 20_000 }).toBe(1);
    expect(await delivered.innerText()).toMatch(/204/);
    const before = received.length;
    await delivered.locator('[data-tributary=webhook-resend]').click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(before);
    const last = received[received.length - 1];
    const ids = new Set(received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const verified = new Webhook(secret).verify(last.body, {
      'webhook-id': String(last.headers['webhook-id']),
      'webhook-timestamp': String(last.headers['webhook-timestamp']),
      'webhook-signature': String(last.headers['webhook-signature']),
    }) as { type: string };
    expect(verified.type).toBe('webhook.test');
    await expect.poll(() => page.locator('[data-tributary=webhook-notice]').count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/webhooks-log.png` });
    await context.close();
  }, 120_000);

  it('edits an endpoint and rotates its secret: the new one shown once, both verify for a while', async () => {
    const { page, context } = await signIn(h, 'admin@demo.test');
    await page.goto(`${h.server.base}/inbox/admin/webhooks`);
    const endpoint = page.locator('[data-tributary=webhook]');
    await endpoint.locator('[data-tributary=webhook-edit]').click();
    const form = endpoint.locator('[data-tributary=webhook-edit-form]');
    await form.locator('input[data-event="conversation.started"]').uncheck();
    await form.locator('[data-tributary=webhook-save]').click();
    await form.waitFor({ state: 'detached' });
    expect(await endpoint.locator('.wh-endpoint__events').innerText()).not.toContain('conversation.started');
    const api = (await h.server.api('GET', '/api/webhooks', { token: h.adminToken })).body[0];
    expect(api.events).not.toContain('conversation.started');
    expect(api.events).toContain('conversation.ended');

    page.once('dialog', (d) => void d.accept());
    await endpoint.locator('[data-tributary=webhook-rotate]').click();
    const secret = (await page.locator('[data-tributary=webhook-secret] code').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await endpoint.locator('[data-tributary=webhook-old-secret]').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/webhooks-rotated.png` });
    const before = received.length;
    await endpoint.locator('[data-tributary=webhook-test]').click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(before);
    const last = received[received.length - 1];
    const headers = {
      'webhook-id': String(last.headers['webhook-id']),
      'webhook-timestamp': String(last.headers['webhook-timestamp']),
      'webhook-signature': String(last.headers['webhook-signature']),
    };
    expect((new Webhook(secret).verify(last.body, headers) as { type: string }).type).toBe('webhook.test');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    await context.close();
  }, 120_000);
});
