/**
 * Issue 15's "For everyone", for documents, the document preview and templates: a browser that speaks
 * Polish (desktop) or French and Dutch (phone) gets these pages in its language on a first visit — the
 * headings, buttons, dialogs, counts as that language counts them ("Przesłano 2 dokumenty"), dates as it
 * writes them, and the names in a list joined with its own "and" — with no serious axe finding and no
 * console error. English stays as it was: the suites of these pages (documents, preview.test.ts,
 * templates.test.ts) read it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type AppServer, browserSuite, DESKTOP, DOCUMENTS, eventually, expectNoConsoleErrors, expectNoSeriousA11yViolations, PHONE, screenshot, signedInPage, waitUntilSettled } from './support.js';

const suite = browserSuite();

/** A medium date as each language writes it: "3 gru 2026" (Polish), "3 déc. 2026" (French), "3 dec 2026" (Dutch). */
const MEDIUM_DATE = {
  pl: /\b\d{1,2} (sty|lut|mar|kwi|maj|cze|lip|sie|wrz|paź|lis|gru) \d{4}/,
  fr: /\b\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}/,
  nl: /\b\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}/,
} as const;

/** A PDF of `pages` A4 pages, each saying its number. */
async function makePdf(pages: number): Promise<Blob> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (let number = 1; number <= pages; number += 1) pdf.addPage([595, 842]).drawText(`Page ${number}`, { x: 72, y: 700, size: 48, font });
  return new Blob([await pdf.save()], { type: 'application/pdf' });
}

/**
 * What the pages show, made through the API: a 3-page PDF in an envelope through the Connective
 * sandbox (which takes boxes) for two signers, that envelope saved as a template, and a bulk send of
 * the template to two rows, one of which fails.
 */
async function arrange(app: AppServer, label: string) {
  const filename = `Umowa-${label}.pdf`;
  const uploaded = await app.api.upload('/api/v1/documents', await makePdf(3), filename);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const connections = (await app.api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>;
  const connective = connections.find((connection) => connection.provider === 'connective')!;
  const envelope = await app.api.post('/api/v1/envelopes', {
    title: `Umowa (${label})`,
    connectionId: connective.id,
    documentIds: [uploaded.body.id],
    participants: [
      { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer' },
      { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer' },
    ],
  });
  expect(envelope.status, JSON.stringify(envelope.body)).toBe(201);
  const template = await app.api.post('/api/v1/templates', { name: `Szablon ${label}`, envelopeId: envelope.body.id });
  expect(template.status, JSON.stringify(template.body)).toBe(201);
  const csv = [
    'signer1.firstName,signer1.lastName,signer1.email,signer2.firstName,signer2.lastName,signer2.email',
    'Carla,Jansen,carla.jansen@example.com,Bert,Peeters,bert.peeters@example.com',
    'Eve,Broken,not-an-email,Bert,Peeters,bert.peeters@example.com',
  ].join('\n');
  const bulkSend = await app.api.post(`/api/v1/templates/${template.body.id}/bulk-sends`, { csv, connectionId: connective.id });
  expect(bulkSend.status, JSON.stringify(bulkSend.body)).toBe(202);
  await eventually(async () => expect((await app.api.get(`/api/v1/templates/${template.body.id}/bulk-sends/${bulkSend.body.id}`)).body.status).not.toBe('running'));
  return { filename, documentId: uploaded.body.id as string, envelopeId: envelope.body.id as string, templateId: template.body.id as string, bulkSendId: bulkSend.body.id as string };
}



async function expectLanguage(page: Page, language: string) {
  expect(await page.evaluate('document.documentElement.lang')).toBe(language);
}

describe('documents, the preview and templates in the browser’s language', () => {
  it('speaks Polish on the documents page and the preview at desktop width', async () => {
    const { app } = suite;
    const { filename, documentId, envelopeId } = await arrange(app, 'pl');
    const tab = await signedInPage(suite.browser, suite.app, DESKTOP, 'pl-PL');
    const { page } = tab;

    // The documents page: heading, button, columns, a date as Polish writes it.
    await page.goto(`${app.url}/documents`);
    await page.getByRole('heading', { level: 1, name: 'Dokumenty' }).waitFor();
    await expectLanguage(page, 'pl');
    await page.getByRole('button', { name: 'Prześlij dokument', exact: true }).waitFor();
    for (const column of ['Nazwa', 'Typ', 'Rozmiar', 'Data przesłania']) await page.getByRole('columnheader', { name: column }).waitFor();
    await page.getByText('Upuść tutaj pliki, aby je przesłać').waitFor();
    const row = page.getByRole('row').filter({ hasText: filename });
    await row.getByText('PDF · 3 strony').waitFor();
    await row.getByRole('button', { name: 'Utwórz kopertę' }).waitFor();
    await row.getByRole('link', { name: `Podgląd pliku ${filename}` }).waitFor();
    expect(await row.getByRole('cell').nth(3).innerText()).toMatch(MEDIUM_DATE.pl);

    await waitUntilSettled(page);
    await screenshot(page, 'documents-pl-desktop');
    await expectNoSeriousA11yViolations(page, 'the documents page in Polish');

    // The delete dialog.
    await row.getByRole('button', { name: `Usuń ${filename}` }).click();
    const dialog = page.getByRole('dialog', { name: `Usunąć ${filename}?` });
    await dialog.getByText(/^Dokument zostanie usunięty z Countersign\./).waitFor();
    await dialog.getByRole('button', { name: 'Usuń', exact: true }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'documents-pl-desktop-delete');
    await expectNoSeriousA11yViolations(page, 'the delete dialog in Polish');
    // The dialog's Cancel is the shared dialog's own word (common catalog): Escape closes it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Two files uploaded at once: counted as Polish counts ("2 dokumenty", not "2 dokumentów").
    const sample = readFileSync(join(DOCUMENTS, 'sample.pdf'));
    await page.getByLabel('Prześlij dokumenty').setInputFiles([
      { name: 'Aneks-1.pdf', mimeType: 'application/pdf', buffer: sample },
      { name: 'Aneks-2.pdf', mimeType: 'application/pdf', buffer: sample },
    ]);
    await page.getByText('Przesłano 2 dokumenty').waitFor();
    await page.getByText('Znajdują się na początku listy.').waitFor();

    // The preview within the envelope: pages, thumbnails and placing boxes, in Polish.
    await page.goto(`${app.url}/envelopes/${envelopeId}/documents/${documentId}`);
    await page.getByRole('heading', { level: 1, name: filename }).waitFor();
    await page.getByText('Podgląd i miejsca podpisu poszczególnych uczestników').waitFor();
    await page.getByRole('link', { name: 'Wróć do koperty' }).waitFor();
    await page.getByRole('img', { name: `${filename}, strona 1 z 3` }).and(page.locator('[data-drawn]')).waitFor();
    await page.getByText('Strona 1 z 3').waitFor();
    await page.getByRole('navigation', { name: 'Strony' }).getByRole('button', { name: 'Strona 2', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Pola podpisu' }).waitFor();
    await page.getByText('Na tym dokumencie nie ma jeszcze pól: dostawca sam wybierze, gdzie podpisują ci uczestnicy.').waitFor();
    await page.getByRole('textbox', { name: 'Umieść pola dla' }).waitFor();
    // The sentence with a link in its middle: the link holds its own words.
    await page.getByRole('link', { name: 'stronie koperty', exact: true }).waitFor();

    // A box for each signer: the list says each in Polish, and the unsaved names are joined with "i".
    await page.getByRole('button', { name: 'Dodaj pole na stronie 1' }).click();
    await page.getByRole('textbox', { name: 'Umieść pola dla' }).click();
    await page.getByRole('option', { name: 'Anna Nowak (podpisujący)' }).click();
    await page.getByRole('button', { name: 'Dodaj pole na stronie 1' }).click();
    const boxes = page.getByRole('list', { name: 'Pola na tym dokumencie' });
    await boxes.getByText(/^Pole podpisu – James Dawson, strona 1: 72 pt od lewej, 72 pt od góry, \d+ × \d+ pt$/).waitFor();
    await boxes.getByRole('button', { name: /^Usuń: Pole podpisu – Anna Nowak, strona 1/ }).waitFor();
    await page.getByText('Niezapisane zmiany: James Dawson i Anna Nowak').waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'preview-pl-desktop');
    await expectNoSeriousA11yViolations(page, 'the preview in Polish');
    await page.getByRole('button', { name: 'Zapisz pola' }).click();
    await page.getByText('Pola zapisane').waitFor();
    await page.getByText('Zapisano miejsca podpisu: James Dawson i Anna Nowak.').waitFor();
    await page.getByText(/^Niezapisane zmiany/).waitFor({ state: 'hidden' });

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('speaks Polish on the templates, a template and its bulk send at desktop width', async () => {
    const { app } = suite;
    const { templateId, bulkSendId } = await arrange(app, 'pl-templates');
    const tab = await signedInPage(suite.browser, suite.app, DESKTOP, 'pl-PL');
    const { page } = tab;

    await page.goto(`${app.url}/templates`);
    await page.getByRole('heading', { level: 1, name: 'Szablony' }).waitFor();
    await expectLanguage(page, 'pl');
    const card = page.getByRole('article', { name: 'Szablon pl-templates' });
    await card.getByText('Signer 1, Signer 2 · 1 dokument').waitFor();
    expect(await card.getByText(/^Zmieniono /).innerText()).toMatch(MEDIUM_DATE.pl);
    await waitUntilSettled(page);
    await screenshot(page, 'templates-pl-desktop');
    await expectNoSeriousA11yViolations(page, 'the templates in Polish');

    await card.getByRole('link', { name: 'Szablon pl-templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Szablon pl-templates' }).waitFor();
    await page.getByText('2 role do uzupełnienia · 1 dokument').waitFor();
    for (const heading of ['Role', 'Dokumenty', 'Utwórz kopertę', 'Wysyłka masowa', 'Wysyłki masowe']) await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
    await page.getByText('Krok 1').first().waitFor();
    await page.getByText('Najwyżej 500 wierszy oraz wiersz nagłówka z nazwami kolumn.').waitFor();
    await page.getByLabel(/^Signer 1 — imię/).waitFor();
    await page.getByRole('button', { name: 'Wyślij do każdego wiersza' }).waitFor();
    await page.getByText('2 wiersze: wysłane 1, nieudane 1').waitFor();

    await page.getByRole('button', { name: 'Edytuj', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edytuj szablon' });
    await dialog.getByLabel(/^Nazwa szablonu/).waitFor();
    await dialog.getByLabel(/^Signer 1 — klucz CSV/).waitFor();
    await dialog.getByText('Puste: bez własnego terminu ważności.').waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'template-pl-desktop');
    await expectNoSeriousA11yViolations(page, 'a template in Polish, its edit dialog open');
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.goto(`${app.url}/templates/${templateId}/bulk-sends/${bulkSendId}`);
    await page.getByRole('heading', { level: 1, name: 'Wysyłka masowa' }).waitFor();
    await page.getByText('Przetworzone wiersze: 2 z 2 (wysłane 1, nieudane 1)').waitFor();
    await page.getByText('Zakończono', { exact: true }).waitFor();
    expect(await page.getByText(/^2 wiersze · rozpoczęto /).innerText()).toMatch(MEDIUM_DATE.pl);
    await page.getByRole('progressbar', { name: 'Przetworzone wiersze: 2 z 2' }).waitFor();
    await page.getByRole('listitem', { name: 'Wiersz 1' }).getByText('Wysłano', { exact: true }).waitFor();
    await page.getByRole('listitem', { name: 'Wiersz 1' }).getByRole('link', { name: 'Otwórz kopertę' }).waitFor();
    await page.getByRole('listitem', { name: 'Wiersz 2' }).getByText('Niepowodzenie', { exact: true }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'bulk-send-pl-desktop');
    await expectNoSeriousA11yViolations(page, 'a bulk send in Polish');

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('speaks French on the documents page and a document’s preview at phone width', async () => {
    const { app } = suite;
    const { filename } = await arrange(app, 'fr');
    const tab = await signedInPage(suite.browser, suite.app, PHONE, 'fr-FR');
    const { page } = tab;

    await page.goto(`${app.url}/documents`);
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    await expectLanguage(page, 'fr');
    await page.getByRole('button', { name: 'Importer un document', exact: true }).waitFor();
    await page.getByText('Déposez des fichiers ici pour les importer').waitFor();
    await page.getByRole('link', { name: `Aperçu de ${filename}` }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'documents-fr-phone');
    await expectNoSeriousA11yViolations(page, 'the documents page in French');
    // On a phone a document's facts are one line: type and pages, size, date as French writes it.
    const facts = page.getByText(/^PDF · 3 pages · /).first();
    expect(await facts.innerText()).toMatch(MEDIUM_DATE.fr);
    await page.getByRole('button', { name: 'Créer une enveloppe' }).first().waitFor();
    await page.getByRole('button', { name: `Supprimer ${filename}` }).click();
    const dialog = page.getByRole('dialog', { name: `Supprimer ${filename}?` });
    await dialog.getByText(/^Il est retiré de Countersign\./).waitFor();
    await dialog.getByRole('button', { name: 'Supprimer', exact: true }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'documents-fr-phone-delete');
    await expectNoSeriousA11yViolations(page, 'the delete dialog in French');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: `Aperçu de ${filename}` }).click();
    await page.getByRole('heading', { level: 1, name: filename }).waitFor();
    await page.getByRole('link', { name: 'Retour aux documents' }).waitFor();
    await page.getByRole('img', { name: `${filename}, page 1 sur 3` }).and(page.locator('[data-drawn]')).waitFor();
    await page.getByText('Page 1 sur 3').waitFor();
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await page.getByRole('img', { name: `${filename}, page 2 sur 3` }).and(page.locator('[data-drawn]')).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await page.getByRole('button', { name: 'Page précédente' }).waitFor();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Page 2', exact: true }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'preview-fr-phone');
    await expectNoSeriousA11yViolations(page, 'the preview in French');

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('speaks Dutch on the templates, a template and its bulk send at phone width', async () => {
    const { app } = suite;
    const { templateId, bulkSendId } = await arrange(app, 'nl');
    const tab = await signedInPage(suite.browser, suite.app, PHONE, 'nl-NL');
    const { page } = tab;

    await page.goto(`${app.url}/templates`);
    await page.getByRole('heading', { level: 1, name: 'Sjablonen' }).waitFor();
    await expectLanguage(page, 'nl');
    const card = page.getByRole('article', { name: 'Szablon nl' });
    await card.getByText('Signer 1, Signer 2 · 1 document').waitFor();
    expect(await card.getByText(/^Gewijzigd op /).innerText()).toMatch(MEDIUM_DATE.nl);
    await waitUntilSettled(page);
    await screenshot(page, 'templates-nl-phone');
    await expectNoSeriousA11yViolations(page, 'the templates in Dutch');

    await page.goto(`${app.url}/templates/${templateId}`);
    await page.getByRole('heading', { level: 1, name: 'Szablon nl' }).waitFor();
    await page.getByText('2 rollen in te vullen · 1 document').waitFor();
    for (const heading of ['Rollen', 'Documenten', 'Een envelop maken', 'Bulkverzending', 'Bulkverzendingen']) await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
    await page.getByText('Stap 1').first().waitFor();
    await page.getByLabel(/^Signer 2 — achternaam/).waitFor();
    await page.getByRole('button', { name: 'Envelop maken' }).waitFor();
    await page.getByText('2 rijen: 1 verzonden, 1 mislukt').waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'template-nl-phone');
    await expectNoSeriousA11yViolations(page, 'a template in Dutch');

    await page.goto(`${app.url}/templates/${templateId}/bulk-sends/${bulkSendId}`);
    await page.getByRole('heading', { level: 1, name: 'Bulkverzending' }).waitFor();
    await page.getByText('2 van 2 rijen verwerkt: 1 verzonden, 1 mislukt').waitFor();
    await page.getByText('Klaar', { exact: true }).waitFor();
    expect(await page.getByText(/^2 rijen · gestart op /).innerText()).toMatch(MEDIUM_DATE.nl);
    await page.getByRole('listitem', { name: 'Rij 1' }).getByText('Verzonden', { exact: true }).waitFor();
    await page.getByRole('listitem', { name: 'Rij 2' }).getByText('Mislukt', { exact: true }).waitFor();
    await page.getByRole('listitem', { name: 'Rij 1' }).getByRole('link', { name: 'Envelop openen' }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'bulk-send-nl-phone');
    await expectNoSeriousA11yViolations(page, 'a bulk send in Dutch');

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
