import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/http.js';
import {
  browserSuite,
  describedBy,
  DESKTOP,
  expectNoConsoleErrors,
  labelled,
  navigateTo,
  newPage,
  requestsTo,
  screenshot,
  signIn,
} from './support.js';

const suite = browserSuite();
const PASSWORD = 'correct horse battery staple';

describe('Settings → Users', () => {
  it('invites a member by a link the owner hands over; the member sets a password and is signed in without admin tabs', async () => {
    const { browser, app } = suite;
    const owner = await newPage(browser, DESKTOP);
    await signIn(owner.page, app);
    await navigateTo(owner.page, 'Settings');
    await owner.page.getByRole('tab', { name: 'Users' }).click();
    await owner.page.getByRole('table', { name: 'Users' }).getByText(app.owner!.email).waitFor();

    await owner.page.getByRole('button', { name: 'Invite user' }).click();
    const invite = owner.page.getByRole('dialog', { name: 'Invite a user' });
    await invite.getByLabel(labelled('Email')).fill('new.member@example.com');
    await invite.getByLabel('Role').selectOption('member');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const shown = owner.page.getByRole('dialog', { name: 'Invitation link' });
    const link = (await shown.getByLabel('Invitation link', { exact: true }).innerText()).trim();
    expect(link).toMatch(new RegExp(`^${app.url}/invitation#[A-Za-z0-9_-]{43}$`));
    await screenshot(owner.page, 'invitation-link');
    await shown.getByRole('button', { name: 'Done' }).click();
    await owner.page.getByRole('table', { name: 'Users' }).getByText('new.member@example.com').waitFor();

    const invitee = await newPage(browser, DESKTOP);
    await invitee.page.goto(link);
    await invitee.page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    expect(await invitee.page.getByLabel('Email').inputValue()).toBe('new.member@example.com');
    await invitee.page.getByLabel(labelled('Password')).fill(PASSWORD);
    await invitee.page.getByLabel(labelled('Confirm password')).fill(PASSWORD);
    await invitee.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.page.getByRole('link', { name: 'Documents' }).waitFor();
    // The used link is no longer in the address bar.
    expect(invitee.page.url()).not.toContain('#');

    await navigateTo(invitee.page, 'Settings');
    await invitee.page.getByRole('tab', { name: 'Connections' }).waitFor();
    expect(await invitee.page.getByRole('tab', { name: 'Users' }).count()).toBe(0);
    expect(await invitee.page.getByRole('tab', { name: 'API keys' }).count()).toBe(0);
    expect(await invitee.page.getByRole('button', { name: 'Add connection' }).count()).toBe(0);

    expectNoConsoleErrors(owner);
    expectNoConsoleErrors(invitee);
    await owner.close();
    await invitee.close();
  });

  it('checks the email with the server’s rules when it loses the focus, sends nothing while it is wrong, and invites once it is corrected', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    const posted = requestsTo(page, 'POST', '/api/v1/users');
    await navigateTo(page, 'Settings');
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Invite user' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite a user' });
    const email = invite.getByLabel(labelled('Email'));

    // A wrong address, then Tab: the field says so in the schema's words, before anything is sent.
    await email.fill('lena.fischer@');
    await page.keyboard.press('Tab');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(email)).toMatch(/must be a valid email address, e\.g\. name@example\.com/i);
    expect(await invite.getByText('Not invited', { exact: true }).count(), 'the field says it, not an alert as well').toBe(0);
    await screenshot(page, 'invite-email-checked-on-blur');
    expect(posted).toEqual([]);

    // Corrected: the error goes as the address is typed, and the invitation is made.
    await email.fill('lena.fischer@example.com');
    await page.keyboard.press('Tab');
    await expect.poll(() => email.getAttribute('aria-invalid')).not.toBe('true');
    expect(await describedBy(email)).not.toMatch(/valid email address/i);
    await invite.getByRole('button', { name: 'Invite' }).click();
    const shown = page.getByRole('dialog', { name: 'Invitation link' });
    await shown.getByLabel('Invitation link', { exact: true }).waitFor();
    expect(posted).toHaveLength(1);
    await shown.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('table', { name: 'Users' }).getByText('lena.fischer@example.com').waitFor();

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('Settings → API keys', () => {
  it('creates a key with chosen scopes, shows it once, and revokes it', async () => {
    const { browser, app } = suite;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await navigateTo(page, 'Settings');
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create key' }).click();

    const form = page.getByRole('dialog', { name: 'Create an API key' });
    await form.getByLabel(labelled('Name')).fill('Read-only reporting');
    await form.getByLabel('envelopes:write').uncheck();
    await form.getByLabel('documents:write').uncheck();
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'Your new API key' });
    await shown.getByText('shown only this once').waitFor();
    const secret = (await shown.getByLabel('Key “Read-only reporting”', { exact: true }).innerText()).trim();
    expect(secret).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'api-key-shown-once');
    await shown.getByRole('button', { name: 'Done' }).click();

    const reporting = apiClient(app.url, secret);
    expect((await reporting.get('/api/v1/envelopes')).status).toBe(200);
    const refused = await reporting.post('/api/v1/envelopes', { title: 'x', documentIds: [], participants: [] });
    expect(refused.status).toBe(403);
    expect(refused.body.requiredScope).toBe('envelopes:write');

    const row = page.getByRole('row').filter({ hasText: 'Read-only reporting' });
    await row.getByText(secret.slice(0, 12)).waitFor();
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Revoke Read-only reporting' }).click();
    await page.getByRole('dialog', { name: 'Revoke this key?' }).getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('revoked').waitFor();
    expect((await reporting.get('/api/v1/envelopes')).status).toBe(401);

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
