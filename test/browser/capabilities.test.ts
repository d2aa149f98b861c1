import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, DOCUMENTS, eventually, expectNoConsoleErrors, labelled, navigateTo, newPage, screenshot, signIn } from './support.js';

const suite = browserSuite();

/**
 * What the provider can do decides what the web app offers (GET /api/v1/providers → capabilities):
 * the participant form asks only for options the default connection's provider takes, and an action
 * the envelope's provider cannot do stays greyed out, saying why.
 */
describe('the provider’s capabilities in the web app', () => {
  it('offers Autenti’s SMS code and signature levels in the participant form, and no embedded signing', async () => {
    const { browser, app } = suite;
    expect((await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Options.pdf')).status).toBe(201);
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await navigateTo(page, 'Documents');

    await page.getByRole('row').filter({ hasText: 'Options.pdf' }).getByRole('button', { name: 'Create envelope' }).click();
    await page.getByLabel(labelled('First name')).fill('James');
    await page.getByLabel(labelled('Last name')).fill('Dawson');
    await page.getByLabel(labelled('Email')).fill('james.dawson@example.com');
    await page.getByRole('textbox', { name: 'Signature level', exact: true }).click();
    await page.getByRole('option', { name: 'Qualified' }).click();
    await page.getByRole('textbox', { name: 'Extra identity check', exact: true }).click();
    await page.getByRole('option', { name: 'SMS code' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel(labelled('Phone')).last().fill('+48722722722');
    // Autenti invites by email only: the form does not offer what the server would refuse.
    expect(await page.getByText('Sign in our application (embedded)').count()).toBe(0);
    await screenshot(page, 'participant-options');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('dialog').filter({ hasText: 'Envelope has been created successfully.' }).waitFor();

    const envelopes = (await app.api.get('/api/v1/envelopes')).body.data as Array<{ id: string; title: string }>;
    const created = (await app.api.get(`/api/v1/envelopes/${envelopes[0]!.id}`)).body;
    expect(created.participants[0]).toMatchObject({ signatureLevel: 'qualified', authentication: [{ method: 'sms' }], phone: '+48722722722' });
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('greys out Extend expiry and Skip pending on a sent Autenti envelope, saying why on hover, and withdraws it with a reason', async () => {
    const { browser, app } = suite;
    const document = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Sent.pdf')).body;
    const envelope = (
      await app.api.post('/api/v1/envelopes', {
        title: 'Sent through Autenti',
        documentIds: [document.id],
        participants: [{ firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer', step: 1 }],
      })
    ).body;
    expect((await app.api.post(`/api/v1/envelopes/${envelope.id}/send`)).status).toBe(202);
    await eventually(async () => expect((await app.api.get(`/api/v1/envelopes/${envelope.id}`)).body.status).toBe('sent'));

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes/${envelope.id}`);

    // Greyed out once the page knows the envelope's provider (GET /api/v1/providers).
    const extend = page.locator('button[aria-disabled="true"]', { hasText: 'Extend expiry' });
    await extend.waitFor();
    await extend.hover();
    await page.getByRole('tooltip').filter({ hasText: 'Autenti has no expiry date.' }).waitFor();
    await screenshot(page, 'extend-expiry-greyed-out');
    await page.getByRole('button', { name: 'Skip pending' }).hover();
    await page.getByRole('tooltip').filter({ hasText: 'Autenti cannot skip participants who have not acted.' }).waitFor();
    // What Autenti can do stays offered, and runs as a job the page follows to the end.
    const withdraw = page.getByRole('button', { name: 'Withdraw' });
    expect(await withdraw.getAttribute('aria-disabled')).toBeNull();
    await withdraw.click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Withdraw this envelope?' });
    await dialog.getByLabel('Reason (optional)').fill('Sent to the wrong person');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await eventually(async () => expect((await app.api.get(`/api/v1/envelopes/${envelope.id}`)).body.status).toBe('withdrawn'));
    await page.getByText('Withdrawn').first().waitFor();
    const history = (await app.api.get(`/api/v1/envelopes/${envelope.id}`)).body.events as Array<{ type: string; detail: { reason?: string } | null }>;
    expect(history.find((event) => event.type === 'envelope-withdrawn')?.detail?.reason).toBe('Sent to the wrong person');
    expectNoConsoleErrors(tab);
    await tab.close();
  });
  it('offers Extend expiry, Skip pending and Delete on a sent Connective envelope, and each reaches the Connective sandbox', async () => {
    const { browser, app } = suite;
    const connective = ((await app.api.get('/api/v1/connections')).body.data as Array<{ id: string; provider: string }>).find((connection) => connection.provider === 'connective')!;
    const document = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Connective.pdf')).body;
    const envelope = (
      await app.api.post('/api/v1/envelopes', {
        title: 'Sent through Connective',
        connectionId: connective.id,
        documentIds: [document.id],
        expiresAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
        participants: [{ firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer', step: 1 }],
      })
    ).body;
    expect((await app.api.post(`/api/v1/envelopes/${envelope.id}/send`)).status).toBe(202);
    const sent = await eventually(async () => {
      const current = (await app.api.get(`/api/v1/envelopes/${envelope.id}`)).body;
      expect(current.status).toBe('sent');
      return current;
    });

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await page.goto(`${app.url}/envelopes/${envelope.id}`);
    for (const name of ['Extend expiry', 'Skip pending', 'Delete']) {
      const button = page.getByRole('button', { name, exact: true });
      await button.waitFor();
      expect(await button.getAttribute('aria-disabled'), name).toBeNull();
    }

    const wanted = new Date(Date.now() + 20 * 24 * 3600_000);
    wanted.setSeconds(0, 0);
    const local = new Date(wanted.getTime() - wanted.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByRole('button', { name: 'Extend expiry', exact: true }).click();
    const extend = page.getByRole('dialog').filter({ hasText: 'Extend the expiry?' });
    await extend.getByLabel('New expiry').fill(local);
    await extend.getByRole('button', { name: 'Extend' }).click();
    await page.getByText('Expiry extended').first().waitFor();
    const held = await fetch(`${app.url}/sandbox/connective/_sandbox/packages/${sent.providerReference}`, { headers: { authorization: `Bearer ${app.server.apiKey}` } });
    expect(new Date(((await held.json()) as { ExpiryTimestamp: string }).ExpiryTimestamp).getTime()).toBe(wanted.getTime());

    await page.getByRole('button', { name: 'Skip pending', exact: true }).click();
    await page.getByRole('dialog').filter({ hasText: 'Skip the pending participants?' }).getByRole('button', { name: 'Skip them' }).click();
    await eventually(async () => expect((await app.api.get(`/api/v1/envelopes/${envelope.id}`)).body.status).toBe('completed'));
    await screenshot(page, 'connective-skipped');
    expect((await app.api.get(`/api/v1/envelopes/${envelope.id}`)).body.participants[0].status).toBe('skipped');
    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
