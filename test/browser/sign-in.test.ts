import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  DESKTOP,
  expectNoConsoleErrors,
  labelled,
  newPage,
  screenshot,
  signIn,
  signOut,
  startAppServer,
} from './support.js';

const suite = browserSuite();

describe('signing in', () => {
  it('refuses a wrong password with the server’s message, signs in with the right one, and signs out', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    // The refused sign-in is an HTTP 401, which Chromium reports on the console: expected here.
    tab.allowFailedResponse(401, '/api/v1/session');

    await page.goto(app.url + '/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in-form');

    await page.getByLabel(labelled('Email')).fill(app.owner!.email);
    await page.getByLabel(labelled('Password')).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is not correct.').waitFor();
    await screenshot(page, 'wrong-password');
    expect(await page.getByRole('link', { name: 'Documents' }).count()).toBe(0);
    expect((await tab.context.request.get(app.url + '/api/v1/session')).ok()).toBe(true);
    expect(await (await tab.context.request.get(app.url + '/api/v1/session')).json()).toMatchObject({ authenticated: false });

    await page.getByLabel(labelled('Password')).fill(app.owner!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Documents' }).waitFor();
    await page.getByRole('link', { name: 'Envelopes' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    await screenshot(page, 'signed-in');

    // The session is a cookie the page's scripts cannot read, and it survives a reload.
    const cookies = await tab.context.cookies(app.url);
    expect(cookies.find((cookie) => cookie.name === 'countersign_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.reload();
    await page.getByRole('link', { name: 'Documents' }).waitFor();

    await signOut(page);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'signed-out');
    expect(await (await tab.context.request.get(app.url + '/api/v1/session')).json()).toMatchObject({ authenticated: false });
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'Documents' }).count()).toBe(0);

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('a fresh install without COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD', () => {
  it('asks to create the owner account on the first visit, and signs in with it', async () => {
    const { browser } = suite;
    const fresh = await startAppServer({ owner: false });
    try {
      const tab = await newPage(browser, DESKTOP);
      const { page } = tab;
      await page.goto(fresh.url + '/');
      await page.getByText('Create the owner account').first().waitFor();
      expect(await page.getByRole('link', { name: 'Documents' }).count()).toBe(0);
      await screenshot(page, 'create-owner-account');

      const owner = { email: 'first.owner@example.com', password: 'correct horse battery staple' };
      await page.getByLabel(labelled('Email')).fill(owner.email);
      await page.getByLabel(labelled('Password')).fill(owner.password);
      await page.getByLabel(labelled('Confirm password')).fill(owner.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('link', { name: 'Documents' }).waitFor();
      await screenshot(page, 'owner-account-created');
      expect(await (await tab.context.request.get(fresh.url + '/api/v1/session')).json()).toMatchObject({
        authenticated: true,
        account: { email: owner.email, role: 'owner' },
      });

      // The account is kept: signed out, the sign-in form (not the setup form) opens it again.
      await signOut(page);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await page.getByText('Create the owner account').count()).toBe(0);
      await signIn(page, fresh, owner);

      expectNoConsoleErrors(tab);
      await tab.close();
    } finally {
      await fresh.stop();
    }
  });
});
