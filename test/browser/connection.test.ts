import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  describedBy,
  DESKTOP,
  expectNoConsoleErrors,
  labelled,
  navigateTo,
  newPage,
  requestsTo,
  sandboxCall,
  screenshot,
  signIn,
} from './support.js';

const suite = browserSuite();

/** A client application in the sandbox's "Integration settings", as the guide has the user make in Autenti. */
async function sandboxClient(name: string): Promise<{ clientId: string; clientSecret: string }> {
  const created = await sandboxCall(suite.app, 'POST', '/clients', { name });
  expect(created.status).toBe(200);
  return created.body;
}

/** Fills the connection form the way the guide tells a user to, and saves it. */
async function addConnection(page: Page, values: { name: string; clientId: string; clientSecret: string; accountEmail: string }) {
  await navigateTo(page, 'Settings');
  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = page.getByRole('dialog', { name: 'Add connection' });
  await form.getByLabel(labelled('Connection name')).fill(values.name);
  // The guide's API URL choice: Production, Test, and here also the built-in sandbox.
  for (const choice of ['Production', 'Test', 'Built-in sandbox']) await form.getByRole('radio', { name: choice, exact: true }).waitFor();
  await form.getByRole('radio', { name: 'Built-in sandbox', exact: true }).check();
  await form.getByLabel(labelled('Client application ID')).fill(values.clientId);
  await form.getByLabel(labelled('Client secret key')).fill(values.clientSecret);
  await form.getByLabel(labelled('Autenti account email')).fill(values.accountEmail);
  await screenshot(page, `connection-form-${values.name.replace(/\W+/g, '-').toLowerCase()}`);
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.waitFor({ state: 'hidden' });
}

/** The success dialog after Save settings, and the public key it shows (parsed from its code block). */
async function publicKeyDialog(page: Page) {
  const dialog = page.getByRole('dialog').filter({ hasText: 'Please copy the entire value of the public key' });
  await dialog.waitFor();
  const code = dialog.getByLabel('Public key', { exact: true });
  const jwk = JSON.parse((await code.innerText()).trim()) as Record<string, unknown>;
  return { dialog, jwk };
}

/** A connection's card in Settings. */
function connectionCard(page: Page, name: string) {
  return page.getByRole('article', { name: `Connection ${name}`, exact: true });
}

describe('Settings → Connections', () => {
  it('adds a connection to the built-in sandbox, shows its public key with a Copy button, and verifies once the key is registered', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const client = await sandboxClient('Browser test client');
    await signIn(page, app);

    await addConnection(page, { name: 'Autenti (browser test)', clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: 'sender@example.com' });
    const { dialog, jwk } = await publicKeyDialog(page);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB', n: expect.any(String) });
    expect(jwk).not.toHaveProperty('d');
    expect(jwk).not.toHaveProperty('p');
    await screenshot(page, 'public-key-dialog');

    // Copy puts exactly the shown JSON on the clipboard. (The dialog has a second Copy, for the callback URL.)
    await dialog.getByRole('button', { name: 'Copy', exact: true }).first().click();
    await dialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    const clipboard = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(JSON.parse(clipboard)).toEqual(jwk);

    // The server keeps the same key, and nothing secret reaches the page.
    const connection = (await app.api.get('/api/v1/connections')).body.data.find((candidate: any) => candidate.settings.clientId === client.clientId);
    expect(connection.publicJwk).toEqual(jwk);
    expect(await page.content()).not.toContain(client.clientSecret);

    // The user pastes the key into the (sandbox's) Integration settings, closes the dialog and verifies.
    const registered = await sandboxCall(app, 'PUT', `/clients/${client.clientId}/public-key`, jwk);
    expect(registered.status).toBe(200);
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = connectionCard(page, 'Autenti (browser test)');
    await card.getByLabel('Health: Unknown').waitFor();
    await card.getByRole('button', { name: 'Verify' }).click();
    await card.getByLabel('Health: OK').waitFor();
    await card.getByText('Connected as sender@example.com.').waitFor();
    await screenshot(page, 'connection-verified');
    expect((await app.api.get(`/api/v1/connections/${connection.id}`)).body.health.status).toBe('ok');

    // Each connection shows its health, and the built-in one stays the default.
    const builtIn = connectionCard(page, 'Autenti sandbox (built-in)');
    await builtIn.getByText('Default', { exact: true }).waitFor();
    expect(await card.getByText('Default', { exact: true }).count()).toBe(0);

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('says in plain words what is wrong when the client secret is wrong', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    const client = await sandboxClient('Client with a mistyped secret');
    await signIn(page, app);

    await addConnection(page, { name: 'Wrong secret', clientId: client.clientId, clientSecret: 'not-the-secret', accountEmail: 'sender@example.com' });
    const { dialog, jwk } = await publicKeyDialog(page);
    // The key is registered: the secret is the only thing wrong.
    expect((await sandboxCall(app, 'PUT', `/clients/${client.clientId}/public-key`, jwk)).status).toBe(200);
    // Escape closes the dialog as well.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const card = connectionCard(page, 'Wrong secret');
    await card.getByRole('button', { name: 'Verify' }).click();
    await card.getByLabel('Health: Error').waitFor();
    await card.getByText(/^Autenti refused the client id or secret .*check them in Settings → Connections/).waitFor();
    await screenshot(page, 'connection-wrong-secret');
    const connection = (await app.api.get('/api/v1/connections')).body.data.find((candidate: any) => candidate.settings.clientId === client.clientId);
    expect(connection.health).toMatchObject({ status: 'error', detail: expect.stringMatching(/secret/) });

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('checks a credential with the server’s rules when it loses the focus, under that credential, and saves once it is corrected, adding and changing', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    const client = await sandboxClient('Client with a mistyped account email');
    await signIn(page, app);
    const posted = requestsTo(page, 'POST', '/api/v1/connections');
    const patched = requestsTo(page, 'PATCH', /^\/api\/v1\/connections\//);
    await navigateTo(page, 'Settings');
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('dialog', { name: 'Add connection' });
    await form.getByLabel(labelled('Connection name')).fill('Mistyped email');
    await form.getByRole('radio', { name: 'Built-in sandbox', exact: true }).check();
    await form.getByLabel(labelled('Client application ID')).fill(client.clientId);
    await form.getByLabel(labelled('Client secret key')).fill(client.clientSecret);
    const accountEmail = form.getByLabel(labelled('Autenti account email'));

    // A provider's own credential, checked by its schema: the words show under that credential's input.
    await accountEmail.fill('sender@');
    await page.keyboard.press('Tab');
    await expect.poll(() => accountEmail.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(accountEmail)).toMatch(/must be a valid email address, e\.g\. name@example\.com/i);
    await screenshot(page, 'connection-credential-checked-on-blur');
    expect(posted).toEqual([]);

    await accountEmail.fill('sender@example.com');
    await page.keyboard.press('Tab');
    await expect.poll(() => accountEmail.getAttribute('aria-invalid')).not.toBe('true');
    expect(await describedBy(accountEmail)).not.toMatch(/valid email address/i);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.waitFor({ state: 'hidden' });
    const { dialog } = await publicKeyDialog(page);
    expect(posted).toHaveLength(1);
    const connection = (await app.api.get('/api/v1/connections')).body.data.find((candidate: any) => candidate.settings.clientId === client.clientId);
    expect(connection).toMatchObject({ name: 'Mistyped email', settings: { accountEmail: 'sender@example.com' } });
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Changing it: the stored email shown, the secret not. The change's schema takes any credential text (the
    // provider's own rules run at the server), but not an empty name: that is said when the name loses the focus.
    await connectionCard(page, 'Mistyped email').getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit connection' });
    const storedEmail = edit.getByLabel(labelled('Autenti account email'));
    expect(await storedEmail.inputValue()).toBe('sender@example.com');
    expect(await edit.getByLabel(labelled('Client secret key')).inputValue()).toBe('');
    await storedEmail.fill('billing@example.com');
    const name = edit.getByLabel(labelled('Connection name'));
    await name.fill('   ');
    await page.keyboard.press('Tab');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(name)).toMatch(/must not be empty/i);
    expect(patched).toEqual([]);
    await name.fill('Billing Autenti');
    await page.keyboard.press('Tab');
    await expect.poll(() => name.getAttribute('aria-invalid')).not.toBe('true');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    expect(patched).toHaveLength(1);
    expect((await app.api.get(`/api/v1/connections/${connection.id}`)).body).toMatchObject({ name: 'Billing Autenti', settings: { accountEmail: 'billing@example.com' } });
    expect(await page.content()).not.toContain(client.clientSecret);

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
