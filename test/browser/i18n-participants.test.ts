/**
 * Issue 15's languages, for an envelope's participants, their fields and its history: a browser that
 * speaks Polish (at desktop width) or French (at phone width) gets the participants table, the
 * participant dialog with its options and fields, the history and the webhook deliveries in its
 * language, with dates as that language writes them, and every page still passes axe. Dutch, at
 * phone width too, for a draft's participant and its removal.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callBuiltInSandbox, waitForEnvelope } from '../support/built-in-sandbox.js';
import { browserSuite, DESKTOP, DOCUMENTS, expectNoConsoleErrors, expectNoSeriousA11yViolations, PHONE, screenshot, signedInPage, waitUntilSettled } from './support.js';

// A webhook endpoint on a closed loopback port: its deliveries fail at once, which fills the envelope's deliveries.
const suite = browserSuite({ env: { COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1', COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0' } });

const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer', step: 1 };
const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 2 };
const rita = { firstName: 'Rita', lastName: 'Reader', email: 'rita.reader@example.com', role: 'receiver', step: 2 };

/** What the tests visit, made once through the API. */
const made = { sent: '', draft: '', consignoDraft: '' };

beforeAll(async () => {
  const { api } = suite.app;
  const document = (await api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Agreement.pdf')).body.id as string;
  const endpoint = await api.post('/api/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/hooks', events: ['envelope.sent'], description: 'CRM' });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  const create = async (title: string, participants: object[], extra: object = {}) => {
    const created = await api.post('/api/v1/envelopes', { title, documentIds: [document], participants, ...extra });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  // Anna signs in a box at step 1 with a basic signature; James signs at step 2 and Rita receives the copy.
  const annaWithOptions = { ...anna, signatureLevel: 'basic', fields: [{ type: 'signature', documentId: document, page: 1, left: 100, top: 200, width: 150, height: 40 }] };
  made.sent = await create('Sale of the boat', [annaWithOptions, james, rita]);
  expect((await api.post(`/api/v1/envelopes/${made.sent}/send`)).status).toBe(202);
  await waitForEnvelope(api, made.sent, (envelope) => envelope.status === 'sent', 'sent');
  const { providerReference } = (await api.get(`/api/v1/envelopes/${made.sent}`)).body;
  const signed = await callBuiltInSandbox(suite.app.sandbox, suite.app.server.apiKey, 'POST', `/_sandbox/document-processes/${providerReference}/parties/${anna.email}/actions`, { action: 'sign' });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  await waitForEnvelope(api, made.sent, (envelope) => envelope.participants.find((participant: any) => participant.email === james.email).status === 'notified', 'with step 2 invited');

  // Only someone to receive the copy: a draft, editable, which asks for a signer.
  made.draft = await create('Annex draft', [{ ...rita, step: 1 }]);
  const consigno = ((await api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>).find((connection) => connection.provider === 'consigno')!;
  made.consignoDraft = await create('Projet de bail', [{ ...rita, step: 1 }], { connectionId: consigno.id });
});

async function openEnvelope(page: Page, id: string): Promise<void> {
  await page.goto(`${suite.app.url}/envelopes/${id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** A moment as the page's language writes it (the app formats dates with its language, as the browser's). */
function formattedIn(page: Page, locale: string, iso: string): Promise<string> {
  return page.evaluate(([language, moment]) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(moment!)), [locale, iso] as const);
}


describe('an envelope’s participants and history in the browser’s language', () => {
  it('in Polish at desktop width: the participants table, the history with Polish dates, the webhook deliveries, and the participant dialog with its fields', async () => {
    const { browser } = suite;
    const tab = await signedInPage(browser, suite.app, DESKTOP, 'pl-PL');
    const { page } = tab;
    await openEnvelope(page, made.sent);
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');

    // The participants table.
    await page.getByRole('heading', { level: 2, name: 'Uczestnicy' }).waitFor();
    const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Imię i nazwisko' }) });
    for (const column of ['Rola', 'Etap', 'Status', 'Przebieg']) await table.getByRole('columnheader', { name: column, exact: true }).waitFor();
    const annaRow = table.getByRole('row').filter({ hasText: anna.email });
    await annaRow.getByText('podpis podstawowy').waitFor();
    await annaRow.getByRole('list', { name: 'Pola uczestnika Anna Nowak' }).waitFor();
    await annaRow.getByText('Zaproszono', { exact: true }).waitFor();

    // The history: whole Polish sentences, and its times written as Polish writes them.
    await page.getByText('Koperta podpisana przez: Anna Nowak').waitFor();
    await page.getByText('Wysłano do dostawcy', { exact: true }).waitFor();
    await page.getByText('Jako gotowa do wysłania').waitFor();
    const envelope = (await suite.app.api.get(`/api/v1/envelopes/${made.sent}`)).body;
    const created = envelope.events.find((event: { type: string }) => event.type === 'envelope-created');
    const time = page.locator(`time[datetime="${created.occurredAt}"]`).first();
    expect(await time.textContent()).toBe(await formattedIn(page, 'pl', created.occurredAt));
    expect(await time.textContent(), 'a Polish month, not an English one').not.toMatch(/Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/);

    // The webhook deliveries.
    const deliveries = page.getByRole('table', { name: 'Dostarczenia webhooków' });
    for (const column of ['Zdarzenie', 'Punkt końcowy', 'Status']) await deliveries.getByRole('columnheader', { name: column, exact: true }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'pl-desktop-sent-envelope');
    await expectNoSeriousA11yViolations(page, 'a sent envelope in Polish');

    // A draft with only a receiver: the hint, then the dialog that adds a participant, with a field.
    await openEnvelope(page, made.draft);
    await page.getByText('Dodaj podpisującego: koperty, której nikt nie podpisuje, nie można wysłać.').waitFor();
    await page.getByRole('button', { name: 'Edytuj: Rita Reader' }).waitFor();
    await page.getByRole('button', { name: 'Dodaj uczestnika' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dodaj uczestnika' });
    for (const label of ['Imię', 'Nazwisko', 'E-mail', 'Etap', 'Poziom podpisu', 'Dodatkowa weryfikacja tożsamości']) await dialog.getByLabel(new RegExp(`^${label}( \\*)?$`)).first().waitFor();
    await dialog.getByText('Na ten adres zostanie wysłane zaproszenie do podpisania.').waitFor();
    await dialog.getByRole('button', { name: 'Dodaj pole' }).click();
    const field = dialog.getByRole('group', { name: /^Pole 1/ });
    for (const label of ['Strona', 'Od lewej (pt)', 'Od góry (pt)', 'Szerokość (pt)', 'Wysokość (pt)']) await field.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`)).waitFor();
    await field.getByRole('button', { name: 'Usuń pole 1' }).waitFor();
    await dialog.getByText('W punktach PDF (1/72 cala) od lewego górnego rogu strony.').waitFor();
    expect(await dialog.getByRole('textbox', { name: /^Dokument/ }).inputValue()).toBe('Agreement.pdf');
    await waitUntilSettled(page);
    await screenshot(page, 'pl-desktop-add-participant');
    await expectNoSeriousA11yViolations(page, 'the participant dialog in Polish');
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Removing asks first, in Polish.
    await page.getByRole('button', { name: 'Usuń: Rita Reader' }).click();
    const removal = page.getByRole('dialog', { name: 'Usunąć uczestnika Rita Reader?' });
    await removal.getByText('Uczestnik zostanie usunięty z tej koperty. Bez podpisującego koperta wróci do wersji roboczej.').waitFor();
    await page.keyboard.press('Escape');
    await removal.waitFor({ state: 'hidden' });

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('in French at phone width: the participants as cards, the history with French dates, and the ConsignO options of the participant dialog', async () => {
    const { browser } = suite;
    const tab = await signedInPage(browser, suite.app, PHONE, 'fr-FR');
    const { page } = tab;
    await openEnvelope(page, made.sent);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByRole('heading', { level: 2, name: 'Participants' }).waitFor();
    // At phone width each participant is a card: role and step in a line, how they sign, their fields.
    await page.getByText(/ · étape 2$/).first().waitFor();
    await page.getByText('signature simple').waitFor();
    await page.getByRole('list', { name: 'Champs de Anna Nowak' }).waitFor();

    await page.getByText('Anna Nowak a signé').waitFor();
    await page.getByText('Envoyée au fournisseur', { exact: true }).waitFor();
    await page.getByText('Prête à envoyer').first().waitFor();
    const envelope = (await suite.app.api.get(`/api/v1/envelopes/${made.sent}`)).body;
    const sent = envelope.events.find((event: { type: string }) => event.type === 'envelope-sent');
    const time = page.locator(`time[datetime="${sent.occurredAt}"]`).first();
    expect(await time.textContent()).toBe(await formattedIn(page, 'fr', sent.occurredAt));

    const deliveries = page.getByRole('table', { name: 'Envois de webhook' });
    for (const column of ['Événement', 'Point de terminaison', 'Statut']) await deliveries.getByRole('columnheader', { name: column, exact: true }).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'fr-phone-sent-envelope');
    await expectNoSeriousA11yViolations(page, 'a sent envelope in French at phone width');

    // ConsignO offers a secret question, the participant's language and signing in one's own application.
    await openEnvelope(page, made.consignoDraft);
    await page.getByRole('button', { name: 'Ajouter un participant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un participant' });
    await dialog.getByLabel(/^Prénom( \*)?$/).waitFor();
    await dialog.getByLabel(/^Étape( \*)?$/).waitFor();
    await dialog.getByLabel(/^Langue( \*)?$/).waitFor();
    await dialog.getByRole('switch', { name: 'Signer dans notre application (intégrée)' }).check();
    await dialog.getByLabel(/^URL de retour( \*)?$/).waitFor();
    await dialog.getByRole('textbox', { name: 'Vérification d’identité supplémentaire' }).click();
    await page.getByRole('option', { name: 'Question secrète' }).click();
    await dialog.getByLabel(/^Réponse( \*)?$/).waitFor();
    // Away from the open list of methods (Escape would close the dialog too).
    await dialog.getByText('Participant 2', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Ajouter un champ' }).click();
    const field = dialog.getByRole('group', { name: /^Champ 1/ });
    await field.getByRole('textbox', { name: 'Positionnement', exact: true }).click();
    await page.getByRole('option', { name: 'Ancre de texte' }).click();
    await field.getByLabel(/^Texte d’ancrage( \*)?$/).waitFor();
    await field.getByLabel(/^Sous le texte \(pt\)( \*)?$/).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'fr-phone-add-participant');
    await expectNoSeriousA11yViolations(page, 'the participant dialog in French at phone width');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('in Dutch at phone width: a draft asks for a signer, its participant is edited and removed after asking', async () => {
    const { browser } = suite;
    const tab = await signedInPage(browser, suite.app, PHONE, 'nl-NL');
    const { page } = tab;
    await openEnvelope(page, made.draft);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');

    await page.getByRole('heading', { level: 2, name: 'Deelnemers' }).waitFor();
    await page.getByText('Voeg een ondertekenaar toe: een envelop zonder iemand die ondertekent, kan niet worden verzonden.').waitFor();
    await page.getByText(/ · stap 1$/).waitFor();
    await page.getByText('Als concept').waitFor();
    const envelope = (await suite.app.api.get(`/api/v1/envelopes/${made.draft}`)).body;
    const created = envelope.events.find((event: { type: string }) => event.type === 'envelope-created');
    expect(await page.locator(`time[datetime="${created.occurredAt}"]`).first().textContent()).toBe(await formattedIn(page, 'nl', created.occurredAt));

    await page.getByRole('button', { name: 'Rita Reader bewerken' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rita Reader bewerken' });
    await dialog.getByLabel(/^Voornaam( \*)?$/).waitFor();
    await dialog.getByLabel(/^Achternaam( \*)?$/).waitFor();
    await dialog.getByText('Zelfde stap: tegelijkertijd. Lagere stappen gaan eerst.').waitFor();
    await dialog.getByRole('button', { name: 'Veld toevoegen' }).click();
    await dialog.getByRole('group', { name: /^Veld 1/ }).getByLabel(/^Breedte \(pt\)( \*)?$/).waitFor();
    await waitUntilSettled(page);
    await screenshot(page, 'nl-phone-edit-participant');
    await expectNoSeriousA11yViolations(page, 'the participant dialog in Dutch at phone width');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Rita Reader verwijderen' }).click();
    const removal = page.getByRole('dialog', { name: 'Rita Reader verwijderen?' });
    await removal.getByText('Deze persoon wordt van deze envelop gehaald. Zonder ondertekenaar wordt de envelop weer een concept.').waitFor();
    await removal.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await removal.waitFor({ state: 'hidden' });
    await page.getByText('Nog geen deelnemers.').waitFor();
    // A removed participant is named in the history by what its event kept: the email.
    await page.getByText(`${rita.email} is verwijderd`).waitFor();
    const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'Deelnemer verwijderd' });
    await notice.getByText('Rita Reader staat niet meer op deze envelop.').waitFor();
    // Checked once the notice has closed by itself: Mantine's notice is not this page's to judge (its
    // close button has no name and its message is light grey, in every language alike).
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await waitUntilSettled(page);
    await screenshot(page, 'nl-phone-participant-removed');
    await expectNoSeriousA11yViolations(page, 'a draft without participants in Dutch at phone width');

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
