/**
 * The built-in sandbox's pages as a person meets them (issue 15): after a send to the Autenti sandbox,
 * the envelope page links to the sandbox mailbox; the mailbox is a readable page whose invitation opens
 * the signing page; the signing page speaks words, not Autenti's codes; and the mailbox, the signing
 * page, the text messages and Integration settings fit a phone's screen.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../support/waiting.js';
import { browserSuite, DESKTOP, DOCUMENTS, expectNoConsoleErrors, newPage, PHONE, screenshot, signIn, type AppServer } from './support.js';

const suite = browserSuite();

/** Autenti's codes that a person must not read on the signing page. */
const CODES = ['SOURCE_FILE', 'PROCESSING', 'SIGNER', 'PENDING', 'PARTIALLY_SIGNED', 'COMPLETED'];

/** An envelope for one signer, sent through the default (built-in Autenti sandbox) connection. */
async function sentEnvelope(app: AppServer, title: string, signer: { firstName: string; lastName: string; email: string }): Promise<string> {
  const documentId = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Lease.pdf')).body.id;
  const created = await app.api.post('/api/v1/envelopes', { title, documentIds: [documentId], participants: [{ ...signer, role: 'signer', step: 1 }] });
  expect(created.status).toBe(201);
  expect((await app.api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
  await waitUntil(async () => (await app.api.get(`/api/v1/envelopes/${created.body.id}`)).body.status as string, (status) => status === 'sent', { what: `${title} sent` });
  return created.body.id as string;
}

/** The page scrolls vertically only: nothing sticks out at the side. */
async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
  expect(scrollWidth, `${what} is wider than the ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
}

/** The console errors of a page the app opened itself (a new tab), which newPage() did not make. */
function recordErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && errors.push(`console error on ${page.url()}: ${message.text()}`)));
  page.on('pageerror', (error) => void errors.push(`uncaught error at ${page.url()}: ${error.message}`));
  return errors;
}

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the sandbox pages at %s width', (name, viewport) => {
  it('opens the mailbox from the envelope page, follows the invitation to the signing page, reads words, not codes, and signs', async () => {
    const { browser, app } = suite;
    const signer = { firstName: 'Anna', lastName: `Nowak-${name}`, email: `anna.${name}@example.com` };
    const title = `Flat lease (${name})`;
    const id = await sentEnvelope(app, title, signer);

    const tab = await newPage(browser, viewport);
    const { page } = tab;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const link = page.getByRole('link', { name: 'Open the sandbox mailbox' });
    await screenshot(page, `${name}-envelope-with-mailbox-link`);

    // The link opens the mailbox in a tab of its own, with the session of this one (same origin).
    const [mailbox] = await Promise.all([tab.context.waitForEvent('page'), link.click()]);
    const errors = recordErrors(mailbox);
    await mailbox.getByRole('heading', { level: 1, name: 'Mailbox' }).waitFor();
    const invitation = mailbox.getByRole('article').filter({ hasText: `Please sign: ${title}` });
    await invitation.waitFor();
    // Who wrote, to whom, when, and the text: readable, not JSON.
    const meta = await invitation.locator('dl.meta').innerText();
    expect(meta).toContain('Autenti, for sender@countersign.example');
    expect(meta).toContain(signer.email);
    expect(meta).toMatch(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} UTC/);
    await invitation.getByText(`sent you "${title}" in Autenti (sandbox)`).waitFor();
    await screenshot(mailbox, `${name}-mailbox`);
    await expectNoHorizontalOverflow(mailbox, 'the mailbox');

    // The invitation's link opens the participant's signing page.
    await invitation.getByRole('link', { name: 'Open the signing page' }).click();
    await mailbox.getByText(`You are ${signer.firstName} ${signer.lastName}`).waitFor();
    await mailbox.getByText('Waiting for you', { exact: true }).waitFor();
    await mailbox.getByText('(Document to sign,').waitFor();
    const text = await mailbox.locator('body').innerText();
    for (const code of CODES) expect(text, `the signing page shows ${code}`).not.toContain(code);
    await screenshot(mailbox, `${name}-signing-page`);
    await expectNoHorizontalOverflow(mailbox, 'the signing page');

    await mailbox.getByRole('button', { name: 'Sign', exact: true }).click();
    await mailbox.getByText(/You have signed/).waitFor();
    await mailbox.getByText('Completed: everyone has taken part', { exact: true }).waitFor();
    expect(await mailbox.locator('body').innerText()).not.toMatch(new RegExp(CODES.join('|')));
    await screenshot(mailbox, `${name}-signed`);
    await expectNoHorizontalOverflow(mailbox, 'the signing page after signing');

    expect(errors).toEqual([]);
    await mailbox.close();
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('shows the text messages and Integration settings within the screen', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, viewport);
    const { page } = tab;
    await signIn(page, app);

    // From the mailbox, its link to the text messages; the Autenti sandbox's built-in flow sends none.
    await page.goto(`${app.sandbox}/_sandbox/mailbox`);
    await page.getByRole('link', { name: 'Text messages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Text messages' }).waitFor();
    await page.getByText('No text message yet.', { exact: false }).waitFor();
    await expectNoHorizontalOverflow(page, 'the text messages');
    await screenshot(page, `${name}-text-messages`);

    // Integration settings: the built-in connection's client, its long id and masked callback URL.
    await page.goto(`${app.sandbox}/integration-settings`);
    await page.getByRole('heading', { level: 1, name: 'Integration settings' }).waitFor();
    const client = page.locator('tr.client').filter({ hasText: 'Countersign (built-in)' });
    await client.waitFor();
    await client.locator('code').waitFor();
    await expectNoHorizontalOverflow(page, 'Integration settings');
    // On a phone each row stacks with its labels; on a desktop the table keeps its header row.
    if (name === 'phone') {
      expect(await page.locator('table.stack thead').isVisible()).toBe(false);
      const box = (await client.locator('td[data-label="Identifier"]').boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    } else {
      expect(await page.getByRole('columnheader', { name: 'Identifier' }).isVisible()).toBe(true);
    }
    await page.getByText('Edit client application').first().click();
    await expectNoHorizontalOverflow(page, 'Integration settings with a client’s form open');
    await screenshot(page, `${name}-integration-settings`);

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
