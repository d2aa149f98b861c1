import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  describedBy,
  DESKTOP,
  DOCUMENTS,
  eventually,
  expectNoConsoleErrors,
  labelled,
  navigateTo,
  newPage,
  screenshot,
  signIn,
  type AppServer,
} from './support.js';

const suite = browserSuite();

/**
 * The create form's expiry and signature fields (issue 8), offered by the default connection's
 * provider's capabilities: the built-in Connective sandbox takes an expiry and boxes or text anchors,
 * the Autenti sandbox boxes only and no expiry. What the form sends is checked through the API, and
 * the server's refusals appear beside the inputs they name.
 */
describe('expiry and signature fields in the create form', () => {
  it('offers an expiry and text anchors for Connective, boxes without an expiry for Autenti, and neither where the provider takes no fields', async () => {
    const { browser, app } = suite;
    await makeDefault(app, 'autenti');
    await upload(app, 'Offers.pdf');
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await navigateTo(page, 'Documents');

    let dialog = await openCreateForm(page, 'Offers.pdf');
    // The button appears once the provider's capabilities are known: only then is an absence meaningful.
    await dialog.getByRole('button', { name: 'Add field' }).click();
    let field = dialog.getByRole('group', { name: /^Field 1/ });
    await field.getByLabel(labelled('Page')).waitFor();
    expect(await dialog.getByLabel(labelled('Expiry')).count(), 'Autenti has no expiry').toBe(0);
    expect(await field.getByRole('textbox', { name: 'Placement', exact: true }).count(), 'Autenti takes boxes only').toBe(0);
    await closeForm(dialog);

    await makeDefault(app, 'connective');
    dialog = await openCreateForm(page, 'Offers.pdf');
    await dialog.getByLabel(labelled('Expiry')).waitFor();
    await dialog.getByRole('button', { name: 'Add field' }).click();
    field = dialog.getByRole('group', { name: /^Field 1/ });
    await field.getByRole('textbox', { name: 'Placement', exact: true }).click();
    await page.getByRole('option', { name: 'Text anchor' }).click();
    await field.getByLabel(labelled('Anchor text')).waitFor();
    expect(await field.getByLabel(labelled('Page')).count(), 'an anchor has no page and position').toBe(0);
    expect(await field.getByLabel(labelled('Pages')).count(), 'Connective places an anchor at its first occurrence').toBe(0);
    expect(await field.getByLabel(labelled('Below the text (pt)')).count(), 'Connective has no offset for an anchor').toBe(0);
    await screenshot(page, 'connective-expiry-and-anchor');
    await closeForm(dialog);

    // ConsignO looks for an anchor on chosen pages and moves the field by offsets (anchorAdjustments).
    await makeDefault(app, 'consigno');
    dialog = await openCreateForm(page, 'Offers.pdf');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    field = dialog.getByRole('group', { name: /^Field 1/ });
    await field.getByRole('textbox', { name: 'Placement', exact: true }).click();
    await page.getByRole('option', { name: 'Text anchor' }).click();
    await field.getByLabel(labelled('Pages')).waitFor();
    await field.getByLabel(labelled('Below the text (pt)')).waitFor();
    await closeForm(dialog);
    await makeDefault(app, 'connective');

    // Every built-in sandbox takes fields; a provider that takes none is stood in for by the
    // server's own provider list with signatureFields (and expiry) taken out on its way to the page.
    await page.route('**/api/v1/providers', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data: Array<{ capabilities: Record<string, unknown> }> };
      for (const entry of body.data) entry.capabilities = { ...entry.capabilities, signatureFields: [], expiry: false };
      await route.fulfill({ response, json: body });
    });
    const altered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/providers');
    dialog = await openCreateForm(page, 'Offers.pdf');
    // The form shows the list it read before at once, then the one it reads on opening: the altered one.
    await altered;
    await dialog.getByRole('textbox', { name: 'Signature level', exact: true }).waitFor();
    await eventually(async () => expect(await dialog.getByRole('button', { name: 'Add field' }).count()).toBe(0));
    expect(await dialog.getByLabel(labelled('Expiry')).count()).toBe(0);
    await page.unroute('**/api/v1/providers');
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('creates an envelope with an expiry and a signature box through the form, and its page shows both', async () => {
    const { browser, app } = suite;
    await makeDefault(app, 'connective');
    const document = await upload(app, 'Boxed.pdf');
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await navigateTo(page, 'Documents');

    const dialog = await openCreateForm(page, 'Boxed.pdf');
    await fillParticipant(dialog);
    const wanted = new Date(Date.now() + 10 * 24 * 3600_000);
    wanted.setSeconds(0, 0);
    const local = new Date(wanted.getTime() - wanted.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await dialog.getByLabel(labelled('Expiry')).fill(local);
    await dialog.getByRole('button', { name: 'Add field' }).click();
    const field = dialog.getByRole('group', { name: /^Field 1/ });
    await field.getByLabel(labelled('Page')).fill('1');
    await field.getByLabel(labelled('From the left (pt)')).fill('100');
    await field.getByLabel(labelled('From the top (pt)')).fill('200');
    await field.getByLabel(labelled('Width (pt)')).fill('150');
    await field.getByLabel(labelled('Height (pt)')).fill('40');
    await screenshot(page, 'box-field');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('dialog').filter({ hasText: 'Envelope has been created successfully.' }).getByRole('button', { name: 'Open envelope' }).click();
    await page.waitForURL(/\/envelopes\/env_\w+$/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;

    const saved = (await app.api.get(`/api/v1/envelopes/${id}`)).body;
    expect(new Date(saved.expiresAt).getTime()).toBe(wanted.getTime());
    expect(saved.participants[0].fields).toEqual([{ type: 'signature', documentId: document.id, page: 1, left: 100, top: 200, width: 150, height: 40 }]);

    await page.getByText('Signature box on Boxed.pdf, page 1: 100 pt from the left, 200 pt from the top, 150 × 40 pt').waitFor();
    // The details show the expiry as the page formats dates (the browser's locale and time zone).
    const shown = await page.evaluate(
      (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      wanted.toISOString(),
    );
    expect(await page.getByText('Expires', { exact: true }).locator('xpath=following-sibling::*[1]').textContent()).toBe(shown);
    await screenshot(page, 'envelope-with-field-and-expiry');
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('shows the server’s refusals beside the field’s inputs: a zero width, then a page beyond the document’s end', async () => {
    const { browser, app } = suite;
    await makeDefault(app, 'autenti');
    const document = await upload(app, 'Short.pdf');
    expect(document.pageCount).toBe(1);
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    // Provoked on purpose: the schema refuses the width (400), the page count check the page (422).
    tab.allowFailedResponse(400, '/api/v1/envelopes');
    tab.allowFailedResponse(422, '/api/v1/envelopes');
    await signIn(page, app);
    await navigateTo(page, 'Documents');

    const dialog = await openCreateForm(page, 'Short.pdf');
    await dialog.getByLabel(labelled('Title')).fill('Refused placement');
    await fillParticipant(dialog);
    await dialog.getByRole('button', { name: 'Add field' }).click();
    const field = dialog.getByRole('group', { name: /^Field 1/ });
    const pageInput = field.getByLabel(labelled('Page'));
    const width = field.getByLabel(labelled('Width (pt)'));
    await width.fill('0');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => expect(await width.getAttribute('aria-invalid')).toBe('true'));
    expect(await describedBy(width)).toContain('Must be > 0');
    // Only the box's own member is named: not the anchor shape's "page is not a known field".
    expect(await pageInput.getAttribute('aria-invalid')).not.toBe('true');

    await width.fill('150');
    await pageInput.fill('5');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => expect(await pageInput.getAttribute('aria-invalid')).toBe('true'));
    expect(await describedBy(pageInput)).toContain(`Page 5 is beyond the end of document ${document.id}, which has 1 page`);
    expect(await width.getAttribute('aria-invalid')).not.toBe('true');
    await screenshot(page, 'page-beyond-the-end');
    expect((await app.api.get('/api/v1/envelopes?q=Refused%20placement')).body.data).toEqual([]);
    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

/** New envelopes go through the default connection: makes the built-in sandbox of `provider` it. */
async function makeDefault(app: AppServer, provider: string): Promise<void> {
  const connections = (await app.api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>;
  const connection = connections.find((candidate) => candidate.provider === provider)!;
  expect((await app.api.patch(`/api/v1/connections/${connection.id}`, { makeDefault: true })).status).toBe(200);
}

async function upload(app: AppServer, filename: string): Promise<{ id: string; pageCount: number }> {
  const response = await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), filename);
  expect(response.status).toBe(201);
  return response.body;
}

async function openCreateForm(page: Page, filename: string): Promise<Locator> {
  await page.getByRole('row').filter({ hasText: filename }).getByRole('button', { name: 'Create envelope' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'Create envelope' });
  await dialog.waitFor();
  return dialog;
}

async function closeForm(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function fillParticipant(dialog: Locator): Promise<void> {
  await dialog.getByLabel(labelled('First name')).fill('James');
  await dialog.getByLabel(labelled('Last name')).fill('Dawson');
  await dialog.getByLabel(labelled('Email')).fill('james.dawson@example.com');
}

