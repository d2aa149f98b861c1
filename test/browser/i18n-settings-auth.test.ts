/**
 * Settings and the signed-out pages (sign in, first-run setup, an invitation) in the browser's language:
 * Polish at desktop width, French and Dutch at phone width. The browser's language picks the app's on a
 * first visit, before anyone signs in. Each page shows its own words in that language, dates as that
 * language writes them, passes axe, and logs no console error; a screenshot of each is kept.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { type AppServer, browserSuite, DESKTOP, expectNoConsoleErrors, expectNoSeriousA11yViolations, labelled, newPage, PHONE, screenshot, startAppServer, waitUntilSettled } from './support.js';

const suite = browserSuite({ env: { COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1', COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0' } });
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

/** What the tests visit, made once through the API. */
const made = { polishInvitation: '', frenchInvitation: '', endpointId: '' };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const { api } = suite.app;
  const endpoint = await api.post('/api/v1/webhook-endpoints', { url: receiver.url, description: 'CRM' });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  made.endpointId = endpoint.body.id;
  // One delivery in the log, delivered: its time is shown as a date.
  expect((await api.post(`/api/v1/webhook-endpoints/${made.endpointId}/test`)).status).toBeLessThan(300);
  for (const [key, email, role] of [
    ['polishInvitation', 'anna.nowak@example.com', 'member'],
    ['frenchInvitation', 'claire.dubois@example.com', 'viewer'],
  ] as const) {
    const invited = await api.post('/api/v1/users', { email, role });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    made[key] = invited.body.invitation.url;
  }
});

afterAll(async () => {
  await receiver?.close();
});

/** Today as this locale writes it in the app's short dates (day, month and year; the time left out). */
function today(locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date());
}

/** Signs in through the form with the labels and button of the page's language. */
async function signInWith(page: Page, app: AppServer, words: { email: string; password: string; submit: string }): Promise<void> {
  await page.goto(app.url + '/');
  await page.getByLabel(labelled(words.email)).fill(app.owner!.email);
  await page.getByLabel(labelled(words.password)).fill(app.owner!.password);
  await page.getByRole('button', { name: words.submit }).click();
  // The account menu, named with the email (read, not shown, at phone width).
  await page.getByRole('button', { name: new RegExp(app.owner!.email.replace(/\./g, '\\.')) }).waitFor();
}

/** Opens one tab of Settings by its translated name and waits for its section's heading. */
async function openTab(page: Page, tab: string, heading: string = tab): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
}

describe('in Polish, at desktop width', () => {
  it('signing in and an invitation', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP, { locale: 'pl-PL' });
    const { page } = tab;
    tab.allowFailedResponse(401, '/api/v1/session');

    await page.goto(app.url + '/');
    await page.getByRole('heading', { level: 1, name: 'Zaloguj się' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    await page.getByText('Zaloguj się, aby wysyłać dokumenty do podpisu elektronicznego').waitFor();
    await page.getByLabel(labelled('E-mail')).fill(app.owner!.email);
    await page.getByLabel(labelled('Hasło')).fill('not the password');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByRole('alert').getByText('Nie udało się zalogować').waitFor();
    await screenshot(page, 'pl-desktop-sign-in');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'sign-in in Polish');

    const invitation = new URL(made.polishInvitation);
    await page.goto(app.url + invitation.pathname + invitation.search + invitation.hash);
    await page.getByRole('heading', { level: 1, name: 'Przyjmij zaproszenie' }).waitFor();
    // The role in words of the language, in the sentence's own order.
    await page.getByText('Zaproszenie do Countersign z rolą').waitFor();
    await page.locator('b', { hasText: 'członek' }).waitFor();
    await page.getByLabel(labelled('Hasło')).fill('correct horse battery staple');
    await page.getByLabel(labelled('Potwierdź hasło')).fill('correct horse battery stable');
    await screenshot(page, 'pl-desktop-invitation');
    await page.getByRole('button', { name: 'Ustaw hasło i zaloguj się' }).click();
    await page.getByText('Podane hasła się różnią').waitFor();
    await screenshot(page, 'pl-desktop-invitation-passwords-differ');
    // With the field's error shown: its red reads at 4.5:1 too.
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'invitation in Polish');

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('every tab of Settings, a dialog, and dates as Polish writes them', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP, { locale: 'pl-PL' });
    const { page } = tab;
    await signInWith(page, app, { email: 'E-mail', password: 'Hasło', submit: 'Zaloguj się' });

    await page.goto(app.url + '/settings');
    await page.getByRole('heading', { level: 1, name: 'Ustawienia' }).waitFor();
    for (const name of ['Połączenia', 'Użytkownicy', 'Klucze API', 'Webhooki', 'Dziennik audytu']) await page.getByRole('tab', { name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Połączenia' }).waitFor();
    await page.getByText('Koperty są wysyłane przez połączenie domyślne.').waitFor();
    const card = page.getByRole('article').first();
    await card.getByRole('button', { name: 'Sprawdź' }).waitFor();
    await card.getByText('Domyślne', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Dodaj połączenie' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dodaj połączenie' });
    await dialog.getByLabel(labelled('Nazwa połączenia')).waitFor();
    await dialog.getByText('Adres URL API').first().waitFor();
    await dialog.getByRole('button', { name: 'Zapisz ustawienia' }).waitFor();
    await screenshot(page, 'pl-desktop-add-connection');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'the add-connection dialog in Polish');
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // A key-pair connection's public key, with the link in the middle of its sentence.
    await page.getByRole('button', { name: 'Klucz publiczny' }).first().click();
    const publicKey = page.getByRole('dialog', { name: 'Klucz publiczny' });
    await publicKey.getByText('Skopiuj całą wartość klucza publicznego').waitFor();
    await publicKey.getByRole('link', { name: 'strona ustawień integracji' }).waitFor();
    await screenshot(page, 'pl-desktop-public-key');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'the public key dialog in Polish');
    await publicKey.getByRole('button', { name: 'OK' }).click();
    await publicKey.waitFor({ state: 'hidden' });

    await openTab(page, 'Użytkownicy');
    const users = page.getByRole('table', { name: 'Użytkownicy' });
    await users.getByRole('columnheader', { name: 'Ostatnie logowanie' }).waitFor();
    await users.getByRole('row', { name: /anna\.nowak@example\.com/ }).getByText('zaproszony').waitFor();
    await users.getByText('(bieżący użytkownik)').waitFor();
    // The owner signed in a moment ago: today, as Polish writes it ("3 gru 2026"), not "Dec 3, 2026".
    await users.getByRole('row', { name: new RegExp(app.owner!.email.replace(/\./g, '\\.')) }).getByText(today('pl-PL'), { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Zaproś użytkownika' }).waitFor();
    await screenshot(page, 'pl-desktop-users');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'users in Polish');

    await openTab(page, 'Klucze API');
    // The header stays code inside the translated sentence.
    await page.locator('code', { hasText: 'Authorization: Bearer <key>' }).waitFor();
    await page.getByText('Programy wysyłają nagłówek').waitFor();
    await page.getByRole('button', { name: 'Utwórz klucz' }).click();
    const createKey = page.getByRole('dialog', { name: 'Utwórz klucz API' });
    await createKey.getByText('Tylko to, czego program potrzebuje.', { exact: false }).waitFor();
    await screenshot(page, 'pl-desktop-create-api-key');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'the create-key dialog in Polish');
    await createKey.getByRole('button', { name: 'Anuluj' }).click();
    await createKey.waitFor({ state: 'hidden' });

    await openTab(page, 'Webhooki');
    const endpoint = page.getByRole('article', { name: receiver.url });
    await endpoint.getByText('Włączony', { exact: true }).waitFor();
    await endpoint.getByText('Wszystkie zdarzenia, także typy dodane później').waitFor();
    await endpoint.getByRole('button', { name: 'Wyślij zdarzenie testowe' }).waitFor();
    await screenshot(page, 'pl-desktop-webhooks');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'webhooks in Polish');

    await endpoint.getByRole('link', { name: 'Dziennik dostarczeń' }).click();
    await page.getByRole('heading', { level: 2, name: 'Dziennik dostarczeń' }).waitFor();
    const deliveries = page.getByRole('table', { name: 'Dostarczenia' });
    const ping = deliveries.getByRole('row').filter({ hasText: 'Zdarzenie testowe' }).first();
    await ping.getByText('Dostarczono', { exact: true }).waitFor();
    await ping.getByText(today('pl-PL'), { exact: false }).first().waitFor();
    await ping.getByRole('button', { name: 'Pokaż 1 próbę' }).click();
    await page.getByText('Próba 1', { exact: true }).waitFor();
    await screenshot(page, 'pl-desktop-delivery-log');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'the delivery log in Polish');

    await page.getByRole('tab', { name: 'Dziennik audytu' }).click();
    await page.getByRole('heading', { level: 2, name: 'Dziennik audytu' }).waitFor();
    await page.getByRole('columnheader', { name: 'Kiedy' }).or(page.getByText('Nic jeszcze nie zarejestrowano.')).waitFor();
    await screenshot(page, 'pl-desktop-audit-log');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'the audit log in Polish');

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('in French and Dutch, at phone width', () => {
  it('signing in, an invitation and Settings in French', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, PHONE, { locale: 'fr-FR' });
    const { page } = tab;

    const invitation = new URL(made.frenchInvitation);
    await page.goto(app.url + invitation.pathname + invitation.search + invitation.hash);
    await page.getByRole('heading', { level: 1, name: 'Accepter votre invitation' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.locator('b', { hasText: 'lecteur' }).waitFor();
    await page.getByLabel(labelled('Confirmer le mot de passe')).waitFor();
    await page.getByRole('button', { name: 'Définir le mot de passe et se connecter' }).waitFor();
    await screenshot(page, 'fr-phone-invitation');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'invitation in French');

    await page.goto(app.url + '/');
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await page.getByLabel(labelled('Mot de passe')).waitFor();
    await screenshot(page, 'fr-phone-sign-in');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'sign-in in French');
    await signInWith(page, app, { email: 'E-mail', password: 'Mot de passe', submit: 'Se connecter' });

    await page.goto(app.url + '/settings');
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Connexions' }).waitFor();
    await page.getByRole('article').first().getByRole('button', { name: 'Vérifier' }).waitFor();
    await screenshot(page, 'fr-phone-connections');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'connections in French');

    await openTab(page, 'Utilisateurs');
    await page.getByRole('table', { name: 'Utilisateurs' }).getByText('invité', { exact: true }).first().waitFor();
    await page.getByText(today('fr-FR'), { exact: false }).first().waitFor();
    await screenshot(page, 'fr-phone-users');

    await openTab(page, 'Webhooks');
    await page.getByRole('button', { name: 'Ajouter un point de terminaison' }).click();
    const form = page.getByRole('dialog', { name: 'Ajouter un point de terminaison webhook' });
    await form.getByRole('radio', { name: 'Seulement les événements que je choisis' }).check();
    await form.getByText('Fichiers signés', { exact: true }).waitFor();
    await form.getByLabel('Enveloppe refusée', { exact: true }).waitFor();
    await screenshot(page, 'fr-phone-webhook-form');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'the webhook form in French');
    await form.getByRole('button', { name: 'Annuler' }).click();
    await form.waitFor({ state: 'hidden' });

    await page.goto(app.url + `/settings/webhooks/${made.endpointId}`);
    await page.getByRole('heading', { level: 2, name: 'Journal des livraisons' }).waitFor();
    const ping = page.getByRole('table', { name: 'Livraisons' }).getByRole('row').filter({ hasText: 'Événement de test' }).first();
    await ping.getByText('Livré', { exact: true }).waitFor();
    await ping.getByText(today('fr-FR'), { exact: false }).first().waitFor();
    await screenshot(page, 'fr-phone-delivery-log');
    await waitUntilSettled(page);
    await expectNoSeriousA11yViolations(page, 'the delivery log in French');

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('first-run setup in Dutch, and in Polish at desktop width', async () => {
    const { browser } = suite;
    const fresh = await startAppServer({ owner: false });
    try {
      const dutch = await newPage(browser, PHONE, { locale: 'nl-NL' });
      await dutch.page.goto(fresh.url + '/');
      await dutch.page.getByRole('heading', { level: 1, name: 'Maak het eigenaarsaccount aan' }).waitFor();
      expect(await dutch.page.locator('html').getAttribute('lang')).toBe('nl');
      await dutch.page.getByLabel(labelled('Wachtwoord')).fill('correct horse battery staple');
      await dutch.page.getByLabel(labelled('Bevestig wachtwoord')).fill('correct horse battery stable');
      await dutch.page.getByText('Minstens 10 tekens').waitFor();
      await screenshot(dutch.page, 'nl-phone-setup');
      await dutch.page.getByRole('button', { name: 'Account aanmaken' }).click();
      await dutch.page.getByText('De twee wachtwoorden verschillen').waitFor();
      await screenshot(dutch.page, 'nl-phone-setup-passwords-differ');
      await waitUntilSettled(dutch.page);
      await expectNoSeriousA11yViolations(dutch.page, 'setup in Dutch, a field refused');
      expectNoConsoleErrors(dutch);
      await dutch.close();

      const polish = await newPage(browser, DESKTOP, { locale: 'pl-PL' });
      await polish.page.goto(fresh.url + '/');
      await polish.page.getByRole('heading', { level: 1, name: 'Utwórz konto właściciela' }).waitFor();
      await polish.page.getByLabel(labelled('Potwierdź hasło')).waitFor();
      await polish.page.getByRole('button', { name: 'Utwórz konto' }).waitFor();
      await screenshot(polish.page, 'pl-desktop-setup');
      await waitUntilSettled(polish.page);
      await expectNoSeriousA11yViolations(polish.page, 'setup in Polish');
      expectNoConsoleErrors(polish);
      await polish.close();
    } finally {
      await fresh.stop();
    }
  });
});
