/**
 * Issue 15's "For everyone": the app in English, Polish, French and Dutch. A first visit speaks the
 * browser's language; the account menu's switch changes it at once (words, dates and numbers alike),
 * the browser remembers the choice, and the page's `lang` follows, for screen readers — at desktop
 * and phone width. Each area's own words are checked by its own test (i18n-*.test.ts); this one
 * checks the machinery and the words every page shares (navigation, account menu, statuses, dates).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, DOCUMENTS, eventually, expectNoConsoleErrors, expectNoSeriousA11yViolations, isOnScreen, newPage, PHONE, screenshot, signIn } from './support.js';

const suite = browserSuite();

/** Signs in through the form whatever language it speaks: by the fields' types, not their words. */
async function signInAnyLanguage(page: Page): Promise<void> {
  const { app } = suite;
  await page.goto(app.url + '/');
  await page.locator('input[type="email"]').fill(app.owner!.email);
  await page.locator('input[type="password"]').fill(app.owner!.password);
  await page.locator('button[type="submit"]').click();
  await page.locator('nav').first().waitFor();
}

/** Opens the account menu (the button named after the signed-in email) and picks `language` by its own name. */
async function chooseLanguage(page: Page, language: 'English' | 'Polski' | 'Français' | 'Nederlands'): Promise<void> {
  await page.getByRole('button', { name: new RegExp(suite.app.owner!.email.replace(/[.+]/g, '\\$&')) }).click();
  await page.getByRole('menuitem', { name: language }).click();
}

async function pageLanguage(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

/** A date as the app writes it in `locale` (medium style): what the envelope list's columns show. */
function dateIn(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

describe('the app in four languages', () => {
  it('switches from the account menu at once, keeps the choice after a reload, and writes statuses and dates in the chosen language', async () => {
    const { browser, app } = suite;
    const document = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Umowa.pdf')).body.id;
    const created = await app.api.post('/api/v1/envelopes', { title: 'Umowa najmu', documentIds: [document], participants: [] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const testPage = await newPage(browser, DESKTOP);
    const { page } = testPage;
    await signIn(page, app);
    expect(await pageLanguage(page)).toBe('en');

    await chooseLanguage(page, 'Polski');
    const navigation = page.getByRole('navigation', { name: 'Nawigacja główna' });
    await navigation.getByRole('link', { name: 'Koperty' }).click();
    await page.getByRole('tab', { name: /^Wszystkie/ }).waitFor();
    expect(await pageLanguage(page)).toBe('pl');
    // A draft is "Szkic"; its dates are Polish ones ("3 gru 2026"), not the browser's American English.
    const row = page.locator('tbody tr').filter({ hasText: 'Umowa najmu' });
    await expect.poll(() => row.locator('.mantine-Badge-root').first().innerText()).toBe('Szkic');
    expect(await row.innerText()).toContain(dateIn('pl', created.body.createdAt));
    await screenshot(page, 'languages-desktop-pl-envelopes');
    await expectNoSeriousA11yViolations(page, 'the envelope list in Polish');

    // Kept in this browser: a reload speaks Polish before anyone chooses again.
    await page.reload();
    await page.getByRole('tab', { name: /^Wszystkie/ }).waitFor();
    expect(await pageLanguage(page)).toBe('pl');
    await chooseLanguage(page, 'Nederlands');
    await page.getByRole('tab', { name: /^Alle/ }).waitFor();
    expect(await row.locator('.mantine-Badge-root').first().innerText()).toBe('Concept');
    expect(await pageLanguage(page)).toBe('nl');

    await chooseLanguage(page, 'English');
    await page.getByRole('tab', { name: /^All/ }).waitFor();
    expect(await row.locator('.mantine-Badge-root').first().innerText()).toBe('Draft');
    expect(await pageLanguage(page)).toBe('en');
    expectNoConsoleErrors(testPage);
    await testPage.close();
  });

  it('speaks the browser’s language on a first visit, and the switch marks the current language, at phone width', async () => {
    const { browser } = suite;
    const testPage = await newPage(browser, PHONE, { locale: 'fr-CA' });
    const { page } = testPage;
    await page.goto(suite.app.url + '/');
    // A Canadian French browser reads the French catalog (ConsignO's market), before anyone signs in.
    await eventually(async () => expect(await pageLanguage(page)).toBe('fr'));
    // Nothing is kept for a language nobody chose: the browser's settings are read again next time.
    expect(await page.evaluate("localStorage.getItem('countersign-locale')")).toBeNull();
    await signInAnyLanguage(page);

    const burger = page.getByRole('button', { name: 'Ouvrir la navigation' });
    await burger.click();
    const envelopes = page.getByRole('link', { name: 'Enveloppes' });
    await eventually(async () => expect(await isOnScreen(envelopes)).toBe(true));
    await envelopes.click();
    await page.getByRole('tab', { name: /^Toutes/ }).waitFor();

    await page.getByRole('button', { name: /^Menu du compte de/ }).click();
    await page.getByRole('menu').getByText('Langue', { exact: true }).waitFor();
    const french = page.getByRole('menuitem', { name: 'Français' });
    expect(await french.getAttribute('aria-current')).toBe('true');
    expect(await french.getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('menuitem', { name: 'Polski' }).getAttribute('aria-current')).toBeNull();
    await screenshot(page, 'languages-phone-fr-account-menu');
    await expectNoSeriousA11yViolations(page, 'the account menu in French at phone width');
    await page.keyboard.press('Escape');
    expectNoConsoleErrors(testPage);
    await testPage.close();
  });
});
