/**
 * The envelope page's Signed documents card when the provider refuses the signed files for a while:
 * it says the files are not archived, why and that Countersign gave up (the schedule is shortened to
 * one retry), and its Try again fetches them once downloads work again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../support/waiting.js';
import { browserSuite, DESKTOP, DOCUMENTS, expectNoConsoleErrors, newPage, sandboxCall, screenshot, signIn } from './support.js';

const suite = browserSuite({ env: { COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE: '1s' } });
const signer = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 1 };

describe('signed files the provider refuses', () => {
  it('shows the archive failed with the reason, and Try again brings the signed PDF', async () => {
    const { browser, app } = suite;
    const documentId = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Agreement.pdf')).body.id;
    const created = await app.api.post('/api/v1/envelopes', { title: 'Boat rental', documentIds: [documentId], participants: [signer] });
    await app.api.post(`/api/v1/envelopes/${created.body.id}/send`);
    const sent = await waitUntil(async () => (await app.api.get(`/api/v1/envelopes/${created.body.id}`)).body, (envelope) => envelope.status === 'sent', { what: 'sent' });

    expect((await sandboxCall(app, 'PUT', '/faults', { downloadsRefused: true })).status).toBe(200);
    try {
      expect((await sandboxCall(app, 'POST', `/document-processes/${sent.providerReference}/parties/${signer.email}/actions`, { action: 'sign' })).status).toBe(200);
      await app.api.post(`/api/v1/envelopes/${sent.id}/sync`);
      await waitUntil(async () => (await app.api.get(`/api/v1/envelopes/${sent.id}`)).body, (envelope) => envelope.archive?.status === 'failed', { what: 'the archive to fail' });
    } finally {
      await sandboxCall(app, 'DELETE', '/faults');
    }

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes/${sent.id}`);
    const card = page.getByRole('heading', { name: 'Signed documents' }).locator('xpath=..');
    const trouble = card.getByRole('region');
    await trouble.getByText('The signed files could not be fetched from the provider').waitFor();
    await trouble.getByText(/gave up after 2 attempts/).waitFor();
    await trouble.getByText(/Reason: .*403/).waitFor();
    await screenshot(page, 'archive-failed');

    await trouble.getByRole('button', { name: 'Try again' }).click();
    await card.getByRole('link', { name: /\.pdf$/ }).first().waitFor({ timeout: 30_000 });
    expect(await trouble.count()).toBe(0);
    await screenshot(page, 'archive-recovered');
    expectNoConsoleErrors(tab);
  });
});
