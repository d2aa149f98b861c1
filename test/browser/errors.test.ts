import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  describedBy,
  DESKTOP,
  DOCUMENTS,
  eventually,
  expectNoConsoleErrors,
  isFocused,
  labelled,
  navigateTo,
  newPage,
  requestsTo,
  screenshot,
  signIn,
} from './support.js';

const suite = browserSuite();

/** Presses Tab until `target` has the focus (a few presses at most), as a keyboard user would. */
async function tabTo(target: Locator, maxPresses = 15): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await isFocused(target)) return;
    await target.page().keyboard.press('Tab');
  }
  expect(await isFocused(target), `Tab reaches ${target} within ${maxPresses} presses`).toBe(true);
}

describe('error states', () => {
  it('refuses an executable named .pdf with the server’s message and the accepted types', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    // The refusal is an HTTP 415, which Chromium reports on the console: expected here.
    tab.allowFailedResponse(415, '/api/v1/documents');
    await signIn(page, app);
    await navigateTo(page, 'Documents');

    await page.locator('input[type=file]').setInputFiles(join(DOCUMENTS, 'linux-program.pdf'));
    // An alert (announced by screen readers) naming the file, in the server's words.
    const message = page.getByRole('alert').filter({ hasText: 'This type of file cannot be sent for signature.' });
    await message.waitFor();
    expect(await message.innerText()).toContain('linux-program.pdf');
    expect(await message.innerText()).toContain('Accepted types: PDF, DOC, DOCX, ODT, ODS, XLS, XLSX');
    await screenshot(page, 'refused-file-type');
    expect(await page.getByRole('row').filter({ hasText: 'linux-program.pdf' }).count()).toBe(0);
    expect((await app.api.get('/api/v1/documents')).body.data).toEqual([]);

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('shows a bad email as an error of the Email field in the server’s words, found before anything is sent, and creates nothing', async () => {
    const { browser, app } = suite;
    const uploaded = await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Lease agreement.pdf');
    expect(uploaded.status).toBe(201);
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    // The server's schema check runs in the browser first (web/src/api.ts): nothing is posted.
    const posted = requestsTo(page, 'POST', '/api/v1/envelopes');
    await navigateTo(page, 'Documents');

    await page.getByRole('row').filter({ hasText: 'Lease agreement.pdf' }).getByRole('button', { name: 'Create envelope' }).click();
    await page.getByLabel(labelled('First name')).fill('James');
    await page.getByLabel(labelled('Last name')).fill('Dawson');
    const email = page.getByLabel(labelled('Email'));
    await email.fill('james.dawson@');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // The error belongs to the Email field: the input is marked invalid and described by the message.
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(email)).toMatch(/must be a valid email address, e\.g\. name@example\.com/i);
    expect(posted).toEqual([]);
    await screenshot(page, 'bad-email');
    expect(await page.getByText('Envelope has been created successfully.').count()).toBe(0);
    expect((await app.api.get('/api/v1/envelopes')).body.data).toEqual([]);

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('checks a field when it loses the focus, in the schema’s words, before anything is sent; corrected, the error goes and the envelope is created', async () => {
    const { browser, app } = suite;
    expect((await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Tenancy.pdf')).status).toBe(201);
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    const posted = requestsTo(page, 'POST', '/api/v1/envelopes');
    await navigateTo(page, 'Documents');

    await page.getByRole('row').filter({ hasText: 'Tenancy.pdf' }).getByRole('button', { name: 'Create envelope' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Create envelope' });
    await dialog.getByLabel(labelled('First name')).fill('James');
    await dialog.getByLabel(labelled('Last name')).fill('Dawson');
    await dialog.getByLabel(labelled('Email')).fill('james.dawson@example.com');
    // The SMS code asks for a phone, kept among the participant's options but named `phone` in the body.
    await dialog.getByRole('textbox', { name: 'Extra identity check', exact: true }).click();
    await page.getByRole('option', { name: 'SMS code' }).click();
    await page.keyboard.press('Escape');
    const phone = dialog.getByLabel(labelled('Phone')).last();
    await phone.fill('0722 722 722');
    await page.keyboard.press('Tab');

    // Only the field left is checked, with the words the server would answer, and nothing is sent.
    await eventually(async () => expect(await phone.getAttribute('aria-invalid')).toBe('true'));
    expect(await describedBy(phone)).toMatch(/Must be an international phone number, e\.g\. \+48722722722/);
    expect(await dialog.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(posted).toEqual([]);
    await screenshot(page, 'phone-checked-on-blur');

    await phone.fill('+48722722722');
    await page.keyboard.press('Tab');
    expect(await phone.getAttribute('aria-invalid')).not.toBe('true');
    expect(await describedBy(phone)).not.toMatch(/international phone number/);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('dialog').filter({ hasText: 'Envelope has been created successfully.' }).waitFor();
    expect(posted).toHaveLength(1);
    const created = (await app.api.get('/api/v1/envelopes?q=Tenancy')).body.data as Array<{ id: string }>;
    expect(created).toHaveLength(1);
    expect((await app.api.get(`/api/v1/envelopes/${created[0]!.id}`)).body.participants[0]).toMatchObject({ email: 'james.dawson@example.com', phone: '+48722722722', authentication: [{ method: 'sms' }] });

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('can be used by keyboard: Tab through the sign-in form, Enter signs in, and the navigation follows the keyboard', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await page.goto(app.url + '/');
    const email = page.getByLabel(labelled('Email'));
    const password = page.getByLabel(labelled('Password'));
    await email.waitFor();

    await tabTo(email);
    await page.keyboard.type(app.owner!.email);
    await page.keyboard.press('Tab');
    expect(await isFocused(password), 'Tab goes from Email to Password').toBe(true);
    await page.keyboard.type(app.owner!.password);
    // The password's show/hide toggle is skipped: the next stop is the button.
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('button', { name: 'Sign in' })), 'Tab goes from Password to Sign in').toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(password)).toBe(true);
    await screenshot(page, 'keyboard-sign-in');
    // Enter in a field submits the form.
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Documents' }).waitFor();

    // The navigation links are reached and followed by keyboard too.
    const envelopes = page.getByRole('link', { name: 'Envelopes', exact: true });
    await tabTo(envelopes, 30);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sync statuses' }).waitFor();
    await screenshot(page, 'keyboard-envelopes');

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
