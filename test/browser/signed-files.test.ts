/**
 * What a completed envelope leaves behind, as a person meets it (issue 15, "See"): an envelope sent
 * through the built-in Autenti sandbox and signed on the sandbox's signing page shows its signed file
 * as `<document>-signed.pdf`, "Download all (ZIP)" saves a ZIP whose files are byte for byte the archived
 * ones, and "Completion certificate" opens a page that names the signer, the time and the hashes, fits
 * the screen, hides its print hint on paper and prints to a PDF — at desktop and phone width.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../support/waiting.js';
import { readZipEntries } from '../support/zip.js';
import { browserSuite, DESKTOP, DOCUMENTS, expectNoConsoleErrors, newPage, PHONE, screenshot, screenshotFolder, signIn, waitForInvitation, type AppServer } from './support.js';

const suite = browserSuite();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** An envelope for one signer of a document named beyond ASCII, sent through the default (Autenti sandbox) connection. */
async function sentEnvelope(app: AppServer, title: string, signer: { firstName: string; lastName: string; email: string }) {
  const document = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Umowa najmu łodzi.pdf')).body;
  const created = await app.api.post('/api/v1/envelopes', { title, documentIds: [document.id], participants: [{ ...signer, role: 'signer', step: 1 }] });
  expect(created.status).toBe(201);
  expect((await app.api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
  await waitUntil(async () => (await app.api.get(`/api/v1/envelopes/${created.body.id}`)).body.status as string, (status) => status === 'sent', { what: `${title} sent` });
  return { id: created.body.id as string, document: document as { id: string; sha256: string } };
}

async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
  expect(scrollWidth, `${what} is wider than the ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
}

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the signed files of a completed envelope at %s width', (name, viewport) => {
  it('downloads everything as one ZIP and opens a printable completion certificate', async () => {
    const { browser, app } = suite;
    const signer = { firstName: 'Zofia', lastName: `Wójcik-${name}`, email: `zofia.${name}@example.com` };
    const title = `Boat rental (${name})`;
    const { id, document } = await sentEnvelope(app, title, signer);

    // The signer signs on the sandbox's signing page, from the invitation in the sandbox mailbox.
    const invitation = await waitForInvitation(app, signer.email);
    const participantTab = await newPage(browser, viewport);
    await participantTab.page.goto(invitation.link);
    await participantTab.page.getByRole('button', { name: 'Sign', exact: true }).click();
    await participantTab.page.getByText(/You have signed/).waitFor();
    expectNoConsoleErrors(participantTab);
    await participantTab.close();

    const tab = await newPage(browser, viewport);
    const { page } = tab;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // The page follows the envelope to completed and its file into the archive by itself.
    const card = page.getByRole('region', { name: 'Signed documents' });
    const signedLink = card.getByRole('link', { name: 'Umowa najmu łodzi-signed.pdf', exact: true });
    await signedLink.waitFor({ timeout: 30_000 });
    await card.getByText('Autenti gives no audit proof of its own', { exact: false }).waitFor();
    const downloadAll = card.getByRole('link', { name: 'Download all (ZIP)' });
    await downloadAll.scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-envelope-signed-files`);

    // Download all: the ZIP the server names, holding the archived file byte for byte and the certificate.
    const artifacts = (await app.api.get(`/api/v1/envelopes/${id}/artifacts`)).body.data as Array<{ filename: string; sha256: string }>;
    const [download] = await Promise.all([page.waitForEvent('download'), downloadAll.click()]);
    expect(download.suggestedFilename()).toBe(`${title}-signed-files.zip`);
    const folder = screenshotFolder();
    mkdirSync(folder, { recursive: true });
    const saved = join(folder, `${name}-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    const entries = await readZipEntries(readFileSync(saved));
    expect(entries.map((entry) => entry.name)).toEqual(['Umowa najmu łodzi-signed.pdf', `${title}-completion-certificate.html`]);
    expect(sha256(entries[0]!.content)).toBe(artifacts[0]!.sha256);

    // Completion certificate: a page of its own, in a new tab with this tab's session.
    const [certificate] = await Promise.all([tab.context.waitForEvent('page'), card.getByRole('link', { name: 'Completion certificate' }).click()]);
    const errors: string[] = [];
    certificate.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    await certificate.getByRole('heading', { level: 1, name: title }).waitFor();
    const signerBlock = certificate.getByRole('article').filter({ hasText: `${signer.firstName} ${signer.lastName}` });
    await signerBlock.getByText('Signed', { exact: true }).waitFor();
    await signerBlock.getByText(`Link in the invitation sent to ${signer.email}`).waitFor();
    const documents = certificate.getByRole('table');
    await documents.getByText(document.sha256).waitFor();
    await documents.getByText(artifacts[0]!.sha256).waitFor();
    await screenshot(certificate, `${name}-completion-certificate`);
    await expectNoHorizontalOverflow(certificate, 'the certificate');

    // On paper the hint to print is gone, and Chromium's own "Save as PDF" makes a PDF of it.
    const hint = certificate.getByText(/To keep it as a PDF/);
    expect(await hint.isVisible()).toBe(true);
    await certificate.emulateMedia({ media: 'print' });
    expect(await hint.isVisible()).toBe(false);
    const pdf = await certificate.pdf({ path: join(folder, `${name}-completion-certificate.pdf`), preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(errors).toEqual([]);

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
