/**
 * The "Done means": a business user who has read only the guide signs in on a fresh install,
 * uploads a PDF, creates an envelope for one participant, sends it, opens the invitation from the
 * sandbox mailbox and signs as the participant, presses Sync statuses, sees Completed, and downloads
 * the signed PDF. Then the same pages at phone width.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdfSignatures } from '../support/pdf-signatures.js';
import { waitUntil } from '../support/waiting.js';
import {
  browserSuite,
  burger,
  DESKTOP,
  DOCUMENTS,
  eventually,
  expectNoConsoleErrors,
  isOnScreen,
  labelled,
  mailbox,
  navigateTo,
  newPage,
  PHONE,
  sandboxCall,
  screenshot,
  signIn,
  waitForInvitation,
} from './support.js';

const suite = browserSuite();
let downloads: string;

const participant = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com' };
/** What the first test made, for the phone-width test to visit. */
let envelope: { id: string; title: string } | undefined;

beforeAll(async () => {
  downloads = mkdtempSync(join(tmpdir(), 'countersign-downloads-'));
});

afterAll(async () => {
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/** The envelope page's status badge, under its title, shows `status` (statuses are words: Ready, Sent, Completed…). */
async function waitForStatus(page: Page, status: string, timeout = 30_000) {
  const header = page.getByRole('heading', { level: 1 }).locator('xpath=..');
  await header.getByText(status, { exact: true }).waitFor({ timeout });
}

/** The page scrolls vertically only: nothing sticks out at the side. */
async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
  expect(scrollWidth, `${what} is wider than the ${clientWidth}px screen`).toBeLessThanOrEqual(clientWidth);
}

describe('from upload to a signed PDF, as the guide describes it', () => {
  it('uploads, creates an envelope for one participant, sends it, has it signed through the sandbox mailbox, hears of it by the provider’s callback, syncs and downloads the signed PDF', async () => {
    const { browser, app } = suite;
    // The guide's user has not pasted the callback URL into the API client (an optional step): statuses
    // then reach Countersign when someone presses Sync statuses (or with the periodic sync, off here).
    // The built-in connection registers it for itself, so take it out, as for that user.
    const builtIn = (await app.api.get('/api/v1/connections')).body.data.find((connection: any) => connection.isDefault);
    expect((await sandboxCall(app, 'PUT', `/clients/${builtIn.settings.clientId}/callback`, { url: null })).status).toBe(200);

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);

    // Documents: upload through the dropzone's file input.
    await navigateTo(page, 'Documents');
    await page.locator('input[type=file]').setInputFiles(join(DOCUMENTS, 'sample.pdf'));
    const row = page.getByRole('row').filter({ hasText: 'sample.pdf' });
    await row.waitFor();
    await screenshot(page, 'desktop-documents');

    // Create envelope → the participant form → Save → the guide's success dialog.
    await row.getByRole('button', { name: 'Create envelope' }).click();
    await page.getByLabel(labelled('First name')).fill(participant.firstName);
    await page.getByLabel(labelled('Last name')).fill(participant.lastName);
    await page.getByLabel(labelled('Email')).fill(participant.email);
    // Role is a Mantine Select: its (hidden) option list is labelled "Role" too, so ask for the input.
    expect(await page.getByRole('textbox', { name: 'Role', exact: true }).inputValue()).toBe('Signer');
    await screenshot(page, 'desktop-envelope-form');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Envelope has been created successfully.' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).waitFor();
    await screenshot(page, 'desktop-envelope-created');
    await dialog.getByRole('button', { name: 'Open envelope' }).click();

    // The envelope page: Ready → Send to participants → Sent.
    await page.waitForURL(/env_[0-9A-Za-z]+/);
    const id = /env_[0-9A-Za-z]+/.exec(page.url())![0];
    const created = (await app.api.get(`/api/v1/envelopes/${id}`)).body;
    expect(created).toMatchObject({ status: 'ready', participants: [{ ...participant, role: 'signer' }] });
    envelope = { id, title: created.title };
    await waitForStatus(page, 'Ready');
    await page.getByText(participant.email).first().waitFor();
    await screenshot(page, 'desktop-envelope-ready');
    const send = page.getByRole('button', { name: 'Send to participants' });
    expect(await send.isEnabled()).toBe(true);
    await send.click();
    await waitForStatus(page, 'Sent');
    expect(await send.isEnabled().catch(() => false)).toBe(false);
    expect(await page.getByRole('button', { name: 'Withdraw' }).isEnabled()).toBe(true);
    await screenshot(page, 'desktop-envelope-sent');
    // Remind reaches the participant through the (sandbox) provider.
    await page.getByRole('button', { name: 'Remind' }).click();
    await page.getByText('Reminder sent').first().waitFor();
    await waitUntil(() => mailbox(app, participant.email), (messages) => messages.some((message) => /^Reminder/.test(message.subject)), {
      what: 'the reminder in the sandbox mailbox',
    });

    // The participant, in a browser of their own, opens the invitation from the sandbox mailbox and
    // signs on the sandbox's signing page, as a person would.
    const invitation = await waitForInvitation(app, participant.email);
    expect(invitation.subject).toContain(envelope.title);
    const participantTab = await newPage(browser, DESKTOP);
    await participantTab.page.goto(invitation.link);
    await participantTab.page.getByText(`You are ${participant.firstName} ${participant.lastName}`).waitFor();
    await participantTab.page.getByRole('button', { name: 'Sign', exact: true }).click();
    await participantTab.page.getByText(/You have signed/).waitFor();
    await screenshot(participantTab.page, 'sandbox-signed');
    expectNoConsoleErrors(participantTab);
    await participantTab.close();

    // Back in the app: the built-in connection subscribed itself to the sandbox's events, so the
    // signature arrives by callback, without a sync; Envelopes lists it Completed, and Sync statuses
    // still runs and reports.
    await waitUntil(async () => (await app.api.get(`/api/v1/envelopes/${id}`)).body.status as string, (status) => status === 'completed', {
      what: 'the envelope completed by the provider callback',
    });
    await navigateTo(page, 'Envelopes');
    const listed = page.getByRole('row').filter({ hasText: envelope.title });
    await listed.getByText('Completed', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sync statuses' }).click();
    // It shows progress, then the result, and the list follows.
    await page.getByText(/^Syncing statuses with the providers/).or(page.getByText('Statuses synced')).first().waitFor();
    await page.getByText('Statuses synced').waitFor({ timeout: 60_000 });
    await listed.getByText('Completed', { exact: true }).waitFor();
    await screenshot(page, 'desktop-envelopes');
    // The status tabs cover every status, as words, each with its count.
    for (const word of ['All', 'Drafts', 'In progress', 'Completed', 'Declined', 'Withdrawn', 'Expired', 'Failed', 'Deleted']) {
      await page.getByRole('tab', { name: new RegExp(`^${word} \\d+$`) }).waitFor();
    }

    // The envelope page offers the signed PDF; it carries the participant's valid signature.
    await listed.getByRole('link', { name: envelope.title }).click();
    await waitForStatus(page, 'Completed');
    // The signed file is fetched from the provider right after completion; the page shows it once it is in.
    const artifacts = await waitUntil(
      async () => (await app.api.get(`/api/v1/envelopes/${id}/artifacts`)).body.data as Array<{ kind: string; filename: string }>,
      (list) => list.some((artifact) => artifact.kind === 'signed'),
      { what: 'the signed PDF to be archived' },
    );
    const signed = artifacts.find((artifact) => artifact.kind === 'signed')!;
    const signedLink = page.getByRole('heading', { name: 'Signed documents' }).locator('xpath=..').getByRole('link', { name: signed.filename, exact: true });
    await signedLink.waitFor();
    await screenshot(page, 'desktop-envelope-completed');
    const [download] = await Promise.all([page.waitForEvent('download'), signedLink.click()]);
    expect(download.suggestedFilename()).toBe(signed.filename);
    expect(signed.filename).toMatch(/\.pdf$/);
    const saved = join(downloads, download.suggestedFilename());
    await download.saveAs(saved);
    const report = await inspectPdfSignatures(saved);
    expect(report.signatures, `checked with ${report.tool}`).toMatchObject([
      { signerCommonName: `${participant.firstName} ${participant.lastName}`, valid: true },
    ]);

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('works at phone width: the navigation opens from the burger button, and Documents, the envelope and Envelopes fit the screen', async () => {
    const { browser, app } = suite;
    expect(envelope, 'the flow above made an envelope').toBeDefined();
    const tab = await newPage(browser, PHONE);
    const { page } = tab;
    await signIn(page, app);

    // The navigation is off screen until the burger button opens it.
    const documentsLink = page.getByRole('link', { name: 'Documents', exact: true });
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    expect(await isOnScreen(documentsLink)).toBe(false);
    await screenshot(page, 'phone-navigation-closed');
    // Nor can Tab reach it while closed: from the last control of the header, focus moves into the page.
    await page.getByRole('button', { name: /^Account menu/ }).focus();
    await page.keyboard.press('Tab');
    expect(await page.locator('nav :focus').count()).toBe(0);
    await burger(page).click();
    await eventually(async () => expect(await isOnScreen(documentsLink)).toBe(true));
    await screenshot(page, 'phone-navigation-open');
    await documentsLink.click();
    await eventually(async () => expect(await isOnScreen(documentsLink)).toBe(false));
    // At phone width the lists are stacked entries rather than tables.
    await page.getByRole('link', { name: 'sample.pdf', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create envelope' }).waitFor();
    await screenshot(page, 'phone-documents');
    await expectNoHorizontalOverflow(page, 'Documents');

    await navigateTo(page, 'Envelopes');
    const listed = page.getByRole('link', { name: envelope!.title, exact: true });
    // The status badge sits beside the title.
    await listed.locator('xpath=..').getByText('Completed', { exact: true }).waitFor();
    await screenshot(page, 'phone-envelopes');
    await expectNoHorizontalOverflow(page, 'Envelopes');

    await listed.click();
    await waitForStatus(page, 'Completed');
    await page.getByText(participant.email).first().waitFor();
    await screenshot(page, 'phone-envelope');
    await expectNoHorizontalOverflow(page, 'the envelope page');

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
