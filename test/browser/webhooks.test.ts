/**
 * Settings → Webhooks and the envelope page's webhook deliveries, against the real server and a host's
 * receiver on loopback (opened with COUNTERSIGN_ALLOW_PRIVATE_URLS, as an operator would). One attempt
 * per delivery (COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE=0): a delivery the receiver refuses is given up on at
 * once, so the test redelivers it instead of waiting out the retry schedule.
 */
import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures.js';
import { waitUntil } from '../support/waiting.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { browserSuite, DESKTOP, PHONE, expectNoConsoleErrors, isFocused, labelled, navigateTo, newPage, screenshot, signIn, type AppServer } from './support.js';

const suite = browserSuite({ env: { COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1', COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0' } });
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** The endpoint the first test adds through the form, for the tests after it. */
let endpoint: { id: string; url: string; secret: string } | undefined;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver?.close();
});

/** Settings → Webhooks, through the navigation and the tab. */
async function openWebhooks(page: Page): Promise<void> {
  await navigateTo(page, 'Settings');
  await page.getByRole('tab', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor();
}

/** An endpoint's card in the list, named by its URL. */
function endpointCard(page: Page, url: string): Locator {
  return page.getByRole('article', { name: url });
}

/** The rows of the delivery log (each delivery's own row, not its opened attempts). */
function deliveryRows(page: Page): Locator {
  return page.getByRole('table', { name: 'Deliveries' }).locator('tbody > tr').filter({ has: page.getByRole('button', { name: 'Redeliver' }) });
}

/** What a screen reader reads with the input besides its label: its description and error (aria-describedby). */
async function describedBy(input: Locator): Promise<string> {
  const ids = (await input.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => input.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

async function sendEnvelope(app: AppServer): Promise<string> {
  const documentId = (await app.api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf')).body.id;
  const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };
  const created = await app.api.post('/api/v1/envelopes', { title: 'Boat rental', documentIds: [documentId], participants: [signer] });
  expect(created.status).toBe(201);
  // Shared, so that the member below may open it too.
  expect((await app.api.call('PUT', `/api/v1/envelopes/${created.body.id}/visibility`, { json: { visibility: 'shared' } })).status).toBe(200);
  expect((await app.api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
  await waitUntil(async () => (await app.api.get(`/api/v1/envelopes/${created.body.id}`)).body.status as string, (status) => status === 'sent', {
    what: 'the envelope sent through the built-in sandbox',
  });
  return created.body.id;
}

describe('Settings → Webhooks', () => {
  it('adds an endpoint, shows its secret once, sends a test event and shows it delivered, and redelivers what the receiver refused', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    tab.allowFailedResponse(422, '/api/v1/webhook-endpoints');
    await signIn(page, app);
    await openWebhooks(page);
    await page.getByText('No webhook endpoints yet').waitFor();

    // A private address the operator did not open: the server's refusal shows under the URL field.
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
    const url = form.getByLabel(labelled('URL'));
    await url.fill('https://10.1.2.3/hooks/countersign');
    await form.getByLabel(labelled('Description')).fill('CRM');
    await form.getByRole('radio', { name: 'Only the events I choose' }).check();
    // None chosen: the form says so itself, and sends nothing.
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.getByText('Choose at least one event type, or All events.').waitFor();
    await form.getByLabel('Envelope sent', { exact: true }).check();
    await form.getByLabel('Envelope completed', { exact: true }).check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await eventuallyDescribed(url, /private, loopback or otherwise internal address/);
    expect(await form.getByText('No endpoint was added').count(), 'the refusal shows beside the field, not as well above the form').toBe(0);
    await screenshot(page, 'endpoint-refused');

    await url.fill(receiver.url);
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    // The secret, once.
    const shown = page.getByRole('dialog', { name: 'Webhook endpoint added' });
    await shown.getByText('you won’t see this secret again').waitFor();
    const secret = (await shown.getByLabel(`Signing secret of ${receiver.url}`, { exact: true }).innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    await shown.getByRole('button', { name: 'Copy' }).waitFor();
    await screenshot(page, 'secret-shown-once');
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(secret);

    const listed = (await app.api.get('/api/v1/webhook-endpoints')).body.data;
    expect(listed).toMatchObject([{ url: receiver.url, description: 'CRM', events: ['envelope.sent', 'envelope.completed'], enabled: true }]);
    endpoint = { id: listed[0].id, url: receiver.url, secret };
    const card = endpointCard(page, receiver.url);
    await card.getByText('Enabled', { exact: true }).waitFor();
    await card.getByText('Envelope sent, Envelope completed').waitFor();
    await screenshot(page, 'endpoints');

    // The delivery log: a test event, delivered, signed with the secret just shown.
    await card.getByRole('link', { name: 'Delivery log' }).click();
    await page.waitForURL(`**/settings/webhooks/${endpoint.id}`);
    await page.getByRole('heading', { level: 2, name: 'Delivery log' }).waitFor();
    await page.getByText('Nothing sent yet').waitFor();
    await page.getByRole('button', { name: 'Send test event' }).click();
    const ping = deliveryRows(page).filter({ hasText: 'Test event' }).first();
    await ping.getByText('Delivered', { exact: true }).waitFor();
    expect(receiver.received).toHaveLength(1);
    const received = receiver.received[0]!;
    expect(received.event.type).toBe('ping');
    expect(new Webhook(secret).verify(received.body, received.headers)).toEqual(received.event);
    await ping.getByRole('button', { name: 'Show 1 attempt' }).click();
    const attempts = page.locator(`[id^="attempts-"]`);
    await attempts.getByText('HTTP 200').waitFor();
    await attempts.getByLabel('Answer to attempt 1').getByText('answered 200').waitFor();

    // The receiver fails: the delivery is given up on (one attempt here), saying why.
    receiver.answerWith(() => ({ status: 500, body: 'database is down' }));
    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => deliveryRows(page).count(), { timeout: 30_000 }).toBe(2);
    const failed = deliveryRows(page).first();
    await failed.getByText('Failed', { exact: true }).waitFor();
    await failed.getByText(/HTTP 500/).waitFor();
    await failed.getByRole('button', { name: 'Show 1 attempt' }).click();
    await page.getByLabel('Answer to attempt 1').getByText('database is down').waitFor();
    await screenshot(page, 'delivery-failed');

    // Fixed: Redeliver sends the same event again, with the same webhook-id, and it is delivered.
    receiver.answerWith(() => 200);
    await failed.getByRole('button', { name: 'Redeliver' }).click();
    await expect.poll(() => deliveryRows(page).count(), { timeout: 30_000 }).toBe(3);
    const redelivered = deliveryRows(page).first();
    await redelivered.getByText('sent again by hand').waitFor();
    await redelivered.getByText('Delivered', { exact: true }).waitFor();
    expect(receiver.received.map((request) => request.status)).toEqual([200, 500, 200]);
    expect(receiver.received[2]!.headers['webhook-id']).toBe(receiver.received[1]!.headers['webhook-id']);
    await screenshot(page, 'delivery-log');

    // The status filter.
    await page.getByLabel('Status').selectOption('failed');
    await expect.poll(() => deliveryRows(page).count()).toBe(1);

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('shows on an envelope’s page the deliveries its events made, and shows nothing of webhooks to a member', async () => {
    const { browser, app } = suite;
    expect(endpoint, 'the first test added an endpoint').toBeDefined();
    const envelopeId = await sendEnvelope(app);

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes/${envelopeId}`);
    const section = page.getByRole('table', { name: 'Webhook deliveries' });
    const sent = section.getByRole('row').filter({ hasText: 'Envelope sent' });
    await sent.getByText('Delivered', { exact: true }).waitFor();
    await sent.getByRole('link', { name: endpoint!.url }).waitFor();
    expect(receiver.received.some((request) => request.event.type === 'envelope.sent' && request.event.envelopeId === envelopeId)).toBe(true);
    await screenshot(page, 'envelope-deliveries');
    // The endpoint's link leads to its log, where the same delivery is, with a link back to the envelope.
    await sent.getByRole('link', { name: endpoint!.url }).click();
    await page.getByRole('heading', { level: 2, name: 'Delivery log' }).waitFor();
    await deliveryRows(page).filter({ hasText: 'Envelope sent' }).getByRole('link', { name: envelopeId }).waitFor();

    // A member: no Webhooks tab, and no webhook section on the same (shared) envelope.
    const invited = await app.api.post('/api/v1/users', { email: 'member@example.com', role: 'member' });
    expect(invited.status).toBe(201);
    const member = await newPage(browser, DESKTOP);
    await member.page.goto(invited.body.invitation.url);
    await member.page.getByLabel(labelled('Password')).fill('correct horse battery staple');
    await member.page.getByLabel(labelled('Confirm password')).fill('correct horse battery staple');
    await member.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await member.page.getByRole('link', { name: 'Documents' }).waitFor();
    await navigateTo(member.page, 'Settings');
    await member.page.getByRole('tab', { name: 'Connections' }).waitFor();
    expect(await member.page.getByRole('tab', { name: 'Webhooks' }).count()).toBe(0);
    await member.page.goto(`${app.url}/envelopes/${envelopeId}`);
    await member.page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    expect(await member.page.getByRole('heading', { name: 'Webhook deliveries' }).count()).toBe(0);

    expectNoConsoleErrors(tab);
    expectNoConsoleErrors(member);
    await tab.close();
    await member.close();
  });

  it('rotates the secret (both sign during the overlap), changes the events, disables and enables the endpoint, and deletes it', async () => {
    const { browser, app } = suite;
    expect(endpoint, 'the first test added an endpoint').toBeDefined();
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await openWebhooks(page);
    const card = endpointCard(page, endpoint!.url);

    // Rotate, after a confirmation; the new secret once, and until when the old one still signs.
    await card.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog', { name: 'Rotate the signing secret?' }).getByRole('button', { name: 'Rotate secret' }).click();
    const shown = page.getByRole('dialog', { name: 'The new signing secret' });
    await shown.getByText(/The old secret keeps working until/).waitFor();
    const secret = (await shown.getByLabel(`Signing secret of ${endpoint!.url}`, { exact: true }).innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint!.secret);
    await shown.getByRole('button', { name: 'Done' }).click();
    await card.getByText(/The replaced secret also signs deliveries until/).waitFor();
    // A test event from the card carries both signatures: either secret verifies it.
    const before = receiver.received.length;
    await card.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('Test event sent').waitFor();
    const ping = await waitUntil(
      async () => receiver.received.slice(before),
      (requests) => requests.some((request) => request.event.type === 'ping'),
      { what: 'the test event at the receiver' },
    );
    const request = ping.find((candidate) => candidate.event.type === 'ping')!;
    expect(request.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(secret).verify(request.body, request.headers)).toEqual(request.event);
    expect(new Webhook(endpoint!.secret).verify(request.body, request.headers)).toEqual(request.event);

    // Change: every event, and disabled; the card says it is disabled and why.
    await card.getByRole('button', { name: 'Change' }).click();
    const form = page.getByRole('dialog', { name: 'Change the webhook endpoint' });
    expect(await form.getByLabel('Envelope sent', { exact: true }).isChecked()).toBe(true);
    await form.getByRole('radio', { name: 'All events, including types added later' }).check();
    // The switch's label wraps its description too: its name starts with "Enabled".
    await form.getByRole('switch', { name: /^Enabled/ }).uncheck();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });
    await card.getByText('Disabled', { exact: true }).waitFor();
    await card.getByText('Disabled by a request (enabled: false).').waitFor();
    await card.getByText('All events, including types added later').waitFor();
    expect((await app.api.get(`/api/v1/webhook-endpoints/${endpoint!.id}`)).body).toMatchObject({ events: null, enabled: false });
    // A disabled endpoint takes no test event: the button says why instead of sending one.
    expect(await card.getByRole('button', { name: 'Send test event' }).getAttribute('aria-disabled')).toBe('true');
    await screenshot(page, 'endpoint-disabled');
    await card.getByRole('button', { name: 'Enable again' }).click();
    await card.getByText('Enabled', { exact: true }).waitFor();

    // Delete, after a confirmation.
    await card.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this webhook endpoint?' }).getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No webhook endpoints yet').waitFor();
    expect((await app.api.get('/api/v1/webhook-endpoints')).body.data).toEqual([]);

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('can be used by keyboard: the form opens, takes its fields and adds an endpoint without a mouse', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await openWebhooks(page);
    await page.getByRole('button', { name: 'Add endpoint' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
    // The URL field has the focus when the form opens.
    const urlId = await form.getByLabel(labelled('URL')).getAttribute('id');
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe(urlId);
    await page.keyboard.type(receiver.url);
    await page.keyboard.press('Enter');
    const shown = page.getByRole('dialog', { name: 'Webhook endpoint added' });
    await shown.getByRole('button', { name: 'Done' }).focus();
    await page.keyboard.press('Enter');
    await endpointCard(page, receiver.url).getByText('All events, including types added later').waitFor();

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('takes a click below the URL while the URL has the focus: untouched, it is not scolded; refused, its error waits for the release', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, PHONE);
    const { page } = tab;
    await signIn(page, app);
    await openWebhooks(page);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
    const url = form.getByLabel(labelled('URL'));
    // The URL has the focus as the form opens, and the form's check is loaded (as it is once a field has had
    // the focus): an error would now show under the URL as the press takes the focus from it.
    await expect.poll(() => isFocused(url)).toBe(true);
    await page.waitForFunction("performance.getEntriesByType('resource').some((entry) => entry.name.includes('request-validators'))");

    const chosen = form.getByRole('radio', { name: 'Only the events I choose' });
    expect(await pressAndRelease(chosen), 'the radio stays under the pointer from the press to the release').toEqual({ moved: 0, checked: true });
    expect(await url.getAttribute('aria-invalid'), 'a URL not yet typed in is not refused for leaving it').not.toBe('true');

    // Spaces alone: trimmed, an empty URL, which the form's check refuses.
    await url.fill('   ');
    const all = form.getByRole('radio', { name: 'All events, including types added later' });
    expect(await pressAndRelease(all), 'the radio stays under the pointer from the press to the release').toEqual({ moved: 0, checked: true });
    await expect.poll(() => url.getAttribute('aria-invalid'), { message: 'the blank URL is refused once the pointer is released' }).toBe('true');

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

/**
 * Clicks the element with the mouse and says how far it moved on the page between the press and the
 * release, and whether it is checked after: a page that moves under the pointer loses the click.
 */
async function pressAndRelease(target: Locator): Promise<{ moved: number; checked: boolean }> {
  await target.evaluate((element: any) => {
    const view = element.ownerDocument.defaultView;
    const tops: number[] = (view.pressTops = []);
    const record = () => tops.push(element.getBoundingClientRect().top);
    // Read before anything the press does (it takes the focus from the input that had it), and as the release finds the page.
    view.addEventListener('mousedown', record, { capture: true, once: true });
    view.addEventListener('mouseup', record, { capture: true, once: true });
  });
  await target.click();
  const [pressed, released] = await target.evaluate((element: any): number[] => element.ownerDocument.defaultView.pressTops);
  return { moved: Math.abs(released! - pressed!), checked: await target.isChecked() };
}

/** Waits until the input's description (what a screen reader reads with it) matches: the server's refusal arrived. */
async function eventuallyDescribed(input: Locator, pattern: RegExp): Promise<void> {
  await expect.poll(() => describedBy(input), { timeout: 15_000 }).toMatch(pattern);
}
