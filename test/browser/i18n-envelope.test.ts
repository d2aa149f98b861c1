/**
 * One envelope's page in the languages of issue 15 ("For everyone"), chosen by the browser on a first
 * visit: in Polish at desktop width (a ready envelope: its actions, sections, details with a Polish
 * date, the edit and delete dialogs), in Dutch at phone width (a failed send: why, and what to do), and
 * in French at phone width (a sent envelope's withdrawal dialog, then its signed files once the signer
 * has signed). Each page passes the axe check, is kept as a screenshot, and logs no console error.
 *
 * Signing in goes through the API (the session cookie lands in the page's context), not the sign-in
 * form: that form speaks the browser's language too, and its words are not this area's.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../support/waiting.js';
import { browserSuite, DESKTOP, DOCUMENTS, expectNoConsoleErrors, expectNoSeriousA11yViolations, newPage, PHONE, screenshot, signedInPage, type TestPage, waitForInvitation, waitUntilSettled, wrongSecretConnection } from './support.js';

const suite = browserSuite();

const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer' };
const bert = { firstName: 'Bert', lastName: 'Berg', email: 'bert.berg@example.com', role: 'signer' };

async function upload(filename: string): Promise<string> {
  const uploaded = await suite.app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), filename);
  expect(uploaded.status).toBe(201);
  return uploaded.body.id;
}

async function createEnvelope(body: Record<string, unknown>): Promise<string> {
  const created = await suite.app.api.post('/api/v1/envelopes', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

async function sendAndWait(id: string, status: string): Promise<void> {
  expect((await suite.app.api.post(`/api/v1/envelopes/${id}/send`)).status).toBe(202);
  await waitUntil(async () => (await suite.app.api.get(`/api/v1/envelopes/${id}`)).body.status as string, (now) => now === status, { what: `envelope ${id} ${status}` });
}

/** A page whose browser speaks `locale`, signed in as the owner, on the envelope's page. */
async function openInLanguage(viewport: { width: number; height: number }, locale: string, id: string): Promise<TestPage> {
  const { browser, app } = suite;
  const tab = await signedInPage(browser, app, viewport, locale);
  await tab.page.goto(`${app.url}/envelopes/${id}`);
  await tab.page.getByRole('heading', { level: 1 }).waitFor();
  return tab;
}

/** The value under a label of the Details card ("Utworzono" → its date). */
async function detail(page: Page, label: string): Promise<string> {
  return (await page.getByText(label, { exact: true }).locator('xpath=following-sibling::*[1]').textContent()) ?? '';
}

/**
 * Checks the page with axe once it has settled (no loader, no running transition: a fading dialog is
 * half its contrast), after a screenshot.
 */
async function checkPage(page: Page, name: string, label: string) {
  await waitUntilSettled(page);
  await screenshot(page, name);
  await expectNoSeriousA11yViolations(page, label);
}

async function expectLanguage(page: Page, language: string) {
  expect(await page.evaluate('document.documentElement.lang')).toBe(language);
}

describe('one envelope’s page in Polish, French and Dutch', () => {
  it('in Polish at desktop width: actions, sections, details with a Polish date, the edit and delete dialogs', async () => {
    const id = await createEnvelope({ title: 'Umowa najmu', documentIds: [await upload('Umowa.pdf')], participants: [anna, bert] });
    const tab = await openInLanguage(DESKTOP, 'pl-PL', id);
    const { page } = tab;
    await expectLanguage(page, 'pl');

    await page.getByRole('heading', { level: 1, name: 'Umowa najmu' }).waitFor();
    await page.getByText('2 uczestników · 1 dokument', { exact: true }).waitFor();
    for (const name of ['Wyślij do uczestników', 'Synchronizuj', 'Przypomnij', 'Wycofaj', 'Duplikuj', 'Usuń', 'Zapisz jako szablon', 'Edytuj szczegóły']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    for (const name of ['Dokumenty', 'Połączenie', 'Szczegóły', 'Historia']) await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    await page.getByRole('link', { name: 'Wróć do listy' }).waitFor();
    await page.getByRole('link', { name: 'Podgląd i pola w dokumencie Umowa.pdf' }).waitFor();
    await page.getByRole('textbox', { name: 'Wysyłana przez' }).waitFor();
    // Dates as Poland writes them: "3 gru 2026, 14:05", a 24-hour clock, no AM/PM.
    expect(await detail(page, 'Utworzono')).toMatch(/^\d{1,2} \p{L}{3,4}\.? \d{4}, \d{2}:\d{2}$/u);
    expect(await detail(page, 'Wygasa')).toBe('Domyślnie u dostawcy');
    await checkPage(page, 'pl-desktop-envelope', 'the envelope page in Polish');

    await page.getByRole('button', { name: 'Edytuj szczegóły' }).click();
    const editing = page.getByRole('dialog', { name: 'Edytuj kopertę' });
    await editing.getByRole('textbox', { name: 'Wiadomość do uczestników' }).waitFor();
    await editing.getByRole('button', { name: 'Zapisz zmiany' }).waitFor();
    await checkPage(page, 'pl-desktop-edit-dialog', 'the edit dialog in Polish');
    await editing.getByRole('button', { name: 'Anuluj' }).click();
    await editing.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Usuń', exact: true }).click();
    const deleting = page.getByRole('dialog', { name: 'Usunąć tę kopertę?' });
    await deleting.getByText('Zostanie usunięta wraz z uczestnikami; jej dokumenty pozostaną w Dokumentach.').waitFor();
    await checkPage(page, 'pl-desktop-delete-dialog', 'the delete dialog in Polish');

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('in Dutch at phone width: a failed send says why and what to do', async () => {
    const broken = await wrongSecretConnection(suite.app, 'Kapot');
    const id = await createEnvelope({ title: 'Huurcontract', connectionId: broken.id, documentIds: [await upload('Huurcontract.pdf')], participants: [anna] });
    await sendAndWait(id, 'failed');
    const tab = await openInLanguage(PHONE, 'nl-NL', id);
    const { page } = tab;
    await expectLanguage(page, 'nl');

    const alert = page.getByRole('status').filter({ hasText: 'Verzenden mislukt' });
    await alert.getByText('Countersign verzendt de envelop niet zelf opnieuw.', { exact: false }).waitFor();
    await alert.getByText(/klik dan op Verzenden naar deelnemers/).waitFor();
    await page.getByRole('button', { name: 'Corrigeren en opnieuw verzenden' }).waitFor();
    await page.getByRole('button', { name: 'Verzenden naar deelnemers' }).waitFor();
    await page.getByText('1 deelnemer · 1 document', { exact: true }).waitFor();
    for (const name of ['Documenten', 'Verbinding', 'Details', 'Geschiedenis']) await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    // Dates as the Netherlands writes them: "3 dec 2026, 14:05".
    expect(await detail(page, 'Aangemaakt')).toMatch(/^\d{1,2} \p{L}{3}\.? \d{4}(,| om) \d{2}:\d{2}$/u);
    await checkPage(page, 'nl-phone-failed-envelope', 'the failed envelope in Dutch');

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('in French at phone width: the withdrawal dialog of a sent envelope, then its signed files', async () => {
    const id = await createEnvelope({ title: 'Bail commercial', documentIds: [await upload('Bail.pdf')], participants: [{ ...anna, email: 'anna.fr@example.com' }] });
    await sendAndWait(id, 'sent');
    const tab = await openInLanguage(PHONE, 'fr-FR', id);
    const { page } = tab;
    await expectLanguage(page, 'fr');

    await page.getByRole('button', { name: 'Relancer' }).waitFor();
    await page.getByRole('button', { name: 'Retirer', exact: true }).click();
    const withdrawing = page.getByRole('dialog', { name: 'Retirer cette enveloppe?' });
    await withdrawing.getByText('Les participants ne pourront plus la signer, et cette action est irréversible.').waitFor();
    await withdrawing.getByRole('textbox', { name: 'Raison (facultatif)' }).waitFor();
    await checkPage(page, 'fr-phone-withdraw-dialog', 'the withdrawal dialog in French');
    // Closed by Escape: its Cancel button is the shared dialog's (ConfirmActionDialog), not this area's words.
    await page.keyboard.press('Escape');
    await withdrawing.waitFor({ state: 'hidden' });

    // The signer signs on the sandbox's page; the envelope page follows it to its signed files by itself.
    const invitation = await waitForInvitation(suite.app, 'anna.fr@example.com');
    const signer = await newPage(suite.browser, PHONE);
    await signer.page.goto(invitation.link);
    await signer.page.getByRole('button', { name: 'Sign', exact: true }).click();
    await signer.page.getByText(/You have signed/).waitFor();
    await signer.close();

    const card = page.getByRole('region', { name: 'Documents signés' });
    await card.getByRole('link', { name: 'Bail-signed.pdf', exact: true }).waitFor({ timeout: 30_000 });
    await card.getByText('Autenti ne fournit pas de preuve d’audit propre', { exact: false }).waitFor();
    await card.getByRole('link', { name: 'Tout télécharger (ZIP)' }).waitFor();
    await card.getByRole('link', { name: 'Certificat d’achèvement' }).waitFor();
    await card.getByText('Signé', { exact: true }).waitFor();
    // Dates as France writes them: "3 déc. 2026, 14:05" (or "à 14:05").
    expect(await detail(page, 'Créée')).toMatch(/^\d{1,2} \p{L}{3,4}\.? \d{4}(,| à) \d{2}:\d{2}$/u);
    await card.scrollIntoViewIfNeeded();
    await checkPage(page, 'fr-phone-signed-files', 'the completed envelope in French');

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
