/**
 * Issue 15's "For everyone", for the envelope list: a browser that speaks Polish, French or Dutch gets
 * the list, its overview, its bulk actions and the create-envelope dialogs in that language (the words
 * from web/src/i18n/locales/<language>/envelopes.json), its dates written as that language writes them,
 * and every page still passes the axe check — at desktop width in Polish, at phone width in French and
 * Dutch.
 *
 * The words of this area are asserted exactly, read from its catalogs. Words of other areas shown on
 * the way (the status tabs, the documents' *Create envelope* button, the participant's fields) are
 * matched in English or in any of their translations, so that this test holds whichever of those
 * areas is translated yet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../support/waiting.js';
import { type AppServer, browserSuite, DESKTOP, DOCUMENTS, eventually, expectNoConsoleErrors, expectNoSeriousA11yViolations, PHONE, screenshot, signedInPage } from './support.js';

const suite = browserSuite();

const LOCALES = resolve(import.meta.dirname, '../../web/src/i18n/locales');
type Catalog = { [key: string]: string | Catalog };
const catalog = (language: string, namespace: string) => JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Catalog;

/** A message of envelopes.json in `language`, by its key ("bulk.selected"), with ICU arguments filled in. */
function words(language: string, key: string, values: Record<string, string | number> = {}): string {
  const message = key.split('.').reduce<string | Catalog>((at, part) => (at as Catalog)[part]!, catalog(language, 'envelopes'));
  if (typeof message !== 'string') throw new Error(`envelopes.json in ${language} has no message ${key}`);
  return formatIcu(message, language, values);
}

/** Enough ICU for these messages: `{name}` and `{count, plural, one {…} few {…} other {…}}` with `#`. */
function formatIcu(message: string, language: string, values: Record<string, string | number>): string {
  const plural = /\{(\w+), plural, ((?:\w+ \{[^{}]*\} ?)+)\}/;
  let text = message;
  for (let match = plural.exec(text); match; match = plural.exec(text)) {
    const count = Number(values[match[1]!]);
    const options = Object.fromEntries([...match[2]!.matchAll(/(\w+) \{([^{}]*)\}/g)].map((option) => [option[1], option[2]]));
    const chosen = options[new Intl.PluralRules(language).select(count)] ?? options.other!;
    text = text.replace(match[0], chosen.replace(/#/g, String(count)));
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

/**
 * Words of another area of the app, matched whole: the English, or what any catalog of `language`
 * says where the English catalog says it (whichever key holds it).
 */
function elsewhere(language: string, english: string, options: { wholeName?: boolean } = {}): RegExp {
  const found = new Set([english]);
  const visit = (source: Catalog, translated: Catalog | undefined) => {
    for (const [key, value] of Object.entries(source)) {
      const other = translated?.[key];
      if (typeof value === 'string') {
        if (value === english && typeof other === 'string') found.add(other);
      } else visit(value, typeof other === 'object' ? other : undefined);
    }
  };
  for (const file of readdirSync(join(LOCALES, 'en'))) visit(catalog('en', file.replace(/\.json$/, '')), catalog(language, file.replace(/\.json$/, '')));
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(${[...found].map(escape).join('|')})${options.wholeName === false ? '' : '( \\*)?$'}`);
}

/** A common word (common.json's `actions`: save, cancel, done…) in `language`. */
function action(language: string, key: string): string {
  return (catalog(language, 'common').actions as Catalog)[key] as string;
}

/** A medium date and short time as each language writes it ("3 gru 2026, 14:05", "3 déc. 2026, 14:05"), never the American "Dec 3, 2026, 2:05 PM". */
const DATE_TIME: Record<string, RegExp> = {
  pl: /^\d{1,2} [a-ząćęłńóśźż]{3,4}\.? \d{4}, \d{2}:\d{2}$/,
  fr: /^\d{1,2} [a-zéû]{3,5}\.? \d{4},? (à )?\d{2}:\d{2}$/,
  nl: /^\d{1,2} [a-z]{3,4}\.? \d{4},? (om )?\d{2}:\d{2}$/,
};

const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer' };
const rita = { firstName: 'Rita', lastName: 'Reader', email: 'rita.reader@example.com', role: 'receiver' };

/** The envelopes the tests read, made once by the first that needs them: one out for signature, one a draft. */
let made: Promise<{ sent: string; draft: string }> | undefined;
function envelopes(): Promise<{ sent: string; draft: string }> {
  made ??= (async () => {
    const { api } = suite.app;
    const document = (await api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Umowa.pdf')).body.id;
    const create = async (body: Record<string, unknown>) => {
      const created = await api.post('/api/v1/envelopes', body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    const sent = await create({ title: 'Umowa najmu', documentIds: [document], participants: [anna] });
    const draft = await create({ title: 'Aneks', documentIds: [document], participants: [rita] });
    expect((await api.post(`/api/v1/envelopes/${sent}/send`)).status).toBe(202);
    await waitUntil(async () => (await api.get(`/api/v1/envelopes/${sent}`)).body, (envelope) => envelope.status === 'sent', { what: 'the envelope sent' });
    return { sent, draft };
  })();
  return made;
}

describe('the envelope list in other languages', () => {
  it('speaks Polish at desktop width: the list, its overview, its bulk actions and their results, with Polish dates', async () => {
    const { browser, app } = suite;
    const { sent, draft } = await envelopes();
    const tabPage = await signedInPage(browser, app, DESKTOP, 'pl-PL');
    const { page } = tabPage;
    // The draft cannot be reminded: the server refuses it (409), which the results show in its words.
    tabPage.allowFailedResponse(409, `/api/v1/envelopes/${draft}/remind`);
    await page.goto(`${app.url}/envelopes?sort=title&order=asc`);

    await page.getByRole('heading', { level: 1, name: words('pl', 'page.title') }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    await page.getByText(words('pl', 'page.description')).waitFor();
    const overview = page.getByRole('region', { name: words('pl', 'dashboard.label') });
    await overview.getByRole('link', { name: new RegExp(`^1\\s*${words('pl', 'dashboard.waiting.label')}`) }).waitFor();
    await overview.getByText(words('pl', 'dashboard.completedThisWeek.hint'), { exact: true }).waitFor();
    await page.getByRole('tablist', { name: words('pl', 'page.tabsLabel') }).waitFor();
    // The status tabs are status.ts's words; each is named by its word and then its count.
    await page.getByRole('tab', { name: elsewhere('pl', 'In progress', { wholeName: false }) }).waitFor();
    expect(await page.getByLabel(words('pl', 'page.search.label')).getAttribute('placeholder')).toBe(words('pl', 'page.search.placeholder'));
    for (const column of ['title', 'status', 'created', 'updated'] as const) {
      await page.getByRole('button', { name: words('pl', `table.sortBy.${column}`) }).waitFor();
    }
    await page.getByRole('columnheader', { name: words('pl', 'table.columns.progress') }).waitFor();

    // The dates in the table, as Poland writes them.
    const row = page.getByRole('row').filter({ hasText: 'Umowa najmu' });
    const created = (await row.getByRole('cell').nth(4).innerText()).trim();
    expect(created).toMatch(DATE_TIME.pl!);
    await screenshot(page, 'pl-desktop-list');
    await expectNoSeriousA11yViolations(page, 'the envelope list in Polish');

    // Two selected, then reminded: the bar, the results dialog and each row's outcome in Polish.
    await page.getByRole('checkbox', { name: words('pl', 'table.select', { title: 'Umowa najmu' }) }).check();
    await page.getByRole('checkbox', { name: words('pl', 'table.select', { title: 'Aneks' }) }).check();
    const bar = page.getByRole('region', { name: words('pl', 'bulk.regionLabel') });
    await bar.getByText(words('pl', 'bulk.selected', { count: 2 }), { exact: true }).waitFor();
    await bar.getByRole('button', { name: words('pl', 'bulk.clearSelection') }).waitFor();

    await bar.getByRole('button', { name: words('pl', 'bulk.actions.withdraw') }).click();
    const asking = page.getByRole('dialog', { name: words('pl', 'bulk.withdrawDialog.title', { count: 2 }) });
    await asking.getByText(words('pl', 'bulk.withdrawDialog.text')).waitFor();
    await page.keyboard.press('Escape');
    await asking.waitFor({ state: 'hidden' });

    await bar.getByRole('button', { name: words('pl', 'bulk.actions.remind') }).click();
    const results = page.getByRole('dialog', { name: words('pl', 'bulk.resultsTitle.remind', { count: 2 }) });
    await results.getByText(words('pl', 'bulk.progress.doneWithRefusals.remind', { count: 1 })).waitFor({ timeout: 60_000 });
    await results.getByRole('row').filter({ hasText: 'Umowa najmu' }).getByText(words('pl', 'bulk.outcome.done.remind'), { exact: true }).waitFor();
    await results.getByRole('row').filter({ hasText: 'Aneks' }).getByLabel(words('pl', 'bulk.rowState.refused')).waitFor();
    await results.getByRole('table', { name: words('pl', 'bulk.resultsLabel') }).waitFor();
    await screenshot(page, 'pl-desktop-bulk-remind');
    await expectNoSeriousA11yViolations(page, 'the bulk reminder’s results in Polish');
    await results.getByRole('button', { name: action('pl', 'done'), exact: true }).click();
    await results.waitFor({ state: 'hidden' });
    expect((await app.api.get(`/api/v1/envelopes/${sent}`)).body.events.filter((event: { type: string }) => event.type === 'envelope-reminded')).toHaveLength(1);

    // A search that finds nothing says so.
    await page.getByLabel(words('pl', 'page.search.label')).fill('nic takiego');
    await page.getByText(words('pl', 'page.empty.noMatchTitle'), { exact: true }).waitFor();
    await page.getByText(words('pl', 'page.empty.noMatchHint'), { exact: true }).waitFor();
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });

  it('speaks Polish in the create-envelope dialogs, from a document to the success dialog', async () => {
    const { browser, app } = suite;
    await envelopes();
    const tabPage = await signedInPage(browser, app, DESKTOP, 'pl-PL');
    const { page } = tabPage;
    await page.goto(`${app.url}/documents`);
    const row = page.getByRole('row').filter({ hasText: 'Umowa.pdf' });
    await row.getByRole('button', { name: elsewhere('pl', 'Create envelope') }).click();

    const dialog = page.getByRole('dialog', { name: words('pl', 'create.title') });
    await dialog.getByText(words('pl', 'create.intro')).waitFor();
    expect(await dialog.getByLabel(new RegExp(`^${words('pl', 'create.titleLabel')}( \\*)?$`)).inputValue()).toBe('Umowa.pdf');
    await dialog.getByText(words('pl', 'create.documents'), { exact: true }).waitFor();
    // The size of the document as Polish writes it (format.ts, in the app's language): 8,9 kB.
    await dialog.getByText(/^PDF · 8,9\skB$/).waitFor();
    await dialog.getByRole('button', { name: words('pl', 'create.addParticipant') }).waitFor();
    await dialog.getByLabel(elsewhere('pl', 'First name')).fill('Jan');
    await dialog.getByLabel(elsewhere('pl', 'Last name')).fill('Kowalski');
    await dialog.getByLabel(elsewhere('pl', 'Email')).fill('jan.kowalski@example.com');
    await screenshot(page, 'pl-desktop-create-envelope');
    await expectNoSeriousA11yViolations(page, 'the create-envelope dialog in Polish');
    await dialog.getByRole('button', { name: action('pl', 'save'), exact: true }).click();

    const success = page.getByRole('dialog', { name: words('pl', 'created.title') });
    await success.getByText(words('pl', 'created.text')).waitFor();
    await success.getByRole('button', { name: action('pl', 'cancel'), exact: true }).waitFor();
    await screenshot(page, 'pl-desktop-envelope-created');
    await expectNoSeriousA11yViolations(page, 'the success dialog in Polish');
    await success.getByRole('button', { name: words('pl', 'created.open') }).click();
    await page.getByRole('heading', { level: 1, name: 'Umowa.pdf' }).waitFor();
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });

  it('speaks French at phone width: the overview, the sort control, a date filter and a selection, with French dates', async () => {
    const { browser, app } = suite;
    await envelopes();
    const tabPage = await signedInPage(browser, app, PHONE, 'fr-FR');
    const { page } = tabPage;
    const since = new Date(Date.now() - 86_400_000).toISOString();
    await page.goto(`${app.url}/envelopes?updatedSince=${encodeURIComponent(since)}`);

    await page.getByRole('heading', { level: 1, name: words('fr', 'page.title') }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const overview = page.getByRole('region', { name: words('fr', 'dashboard.label') });
    await overview.getByRole('link', { name: new RegExp(`^\\d+\\s*${words('fr', 'dashboard.failed.label')}`) }).waitFor();
    await overview.getByText(words('fr', 'dashboard.expiringSoon.hint'), { exact: true }).waitFor();

    // The date filter, named and written in French.
    const chip = page.getByText(/^Modifiées depuis le /);
    const chipText = (await chip.innerText()).trim();
    expect(chipText.replace(/^Modifiées depuis le /, '')).toMatch(DATE_TIME.fr!);
    await page.getByRole('button', { name: words('fr', 'page.filters.remove', { filter: chipText }) }).waitFor();

    // The sort control, in sentences.
    await page.getByRole('textbox', { name: words('fr', 'page.sort.label'), exact: true }).click();
    await page.getByRole('option', { name: words('fr', 'page.sort.choices.titleAsc') }).click();
    await eventually(async () => expect((await page.locator('a.table-link').allTextContents())[0]).toBe('Aneks'));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('title');

    // Each entry: its date as France writes it, after the participants.
    const entry = page.locator('a.table-link', { hasText: 'Umowa najmu' }).locator('xpath=../..');
    const line = (await entry.locator('p').last().innerText()).trim();
    expect(line.split(' · ').at(-1)).toMatch(DATE_TIME.fr!);

    await page.getByRole('checkbox', { name: words('fr', 'table.select', { title: 'Umowa najmu' }) }).check();
    await page.getByRole('region', { name: words('fr', 'bulk.regionLabel') }).getByText(words('fr', 'bulk.selected', { count: 1 }), { exact: true }).waitFor();
    await screenshot(page, 'fr-phone-list');
    await expectNoSeriousA11yViolations(page, 'the envelope list in French at phone width');
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });

  it('speaks Dutch at phone width in the create-envelope dialog', async () => {
    const { browser, app } = suite;
    await envelopes();
    const tabPage = await signedInPage(browser, app, PHONE, 'nl-NL');
    const { page } = tabPage;
    await page.goto(`${app.url}/documents`);
    await page.getByRole('button', { name: elsewhere('nl', 'Create envelope') }).first().click();

    const dialog = page.getByRole('dialog', { name: words('nl', 'create.title') });
    await dialog.getByText(words('nl', 'create.intro')).waitFor();
    await dialog.getByText(words('nl', 'create.documents'), { exact: true }).waitFor();
    await dialog.getByRole('button', { name: words('nl', 'create.addParticipant') }).click();
    // A second participant's fields.
    await expect.poll(() => dialog.locator('fieldset').count()).toBe(2);
    await dialog.getByRole('button', { name: action('nl', 'save'), exact: true }).waitFor();
    await screenshot(page, 'nl-phone-create-envelope');
    await expectNoSeriousA11yViolations(page, 'the create-envelope dialog in Dutch at phone width');
    await dialog.getByRole('button', { name: action('nl', 'cancel'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expectNoConsoleErrors(tabPage);
    await tabPage.close();
  });
});
