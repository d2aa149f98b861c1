/**
 * Issue 15's forms for two envelope actions: the provider's id typed for a send decision is checked
 * with the server's rules when it loses the focus, and nothing is sent until it is right.
 *
 * A send decision follows a send whose outcome was lost at the provider, which the sandboxes do not
 * make on demand: the envelope's page is shown one (its server response with `sendDecision` added),
 * and the decision's request is answered as the server answers one, so that the form is what is tested.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  describedBy,
  DESKTOP,
  DOCUMENTS,
  expectNoConsoleErrors,
  newPage,
  screenshot,
  signIn,
} from './support.js';

const suite = browserSuite();

describe('envelope actions’ forms', () => {
  it('checks the provider’s id of a send decision when it loses the focus, and sends the decision once it is right', async () => {
    const { browser, app } = suite;
    const document = (await app.api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Lost.pdf')).body.id;
    const created = await app.api.post('/api/v1/envelopes', {
      title: 'Lost send',
      documentIds: [document],
      participants: [{ firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const envelopePath = `/api/v1/envelopes/${created.body.id}`;

    const testPage = await newPage(browser, DESKTOP);
    const { page } = testPage;
    await signIn(page, app);
    const reason = 'The workflow may exist: its documents are already assigned.';
    await page.route(`**${envelopePath}`, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), status: 'failed', sendDecision: { needed: true, reason } } });
    });
    const decisions: unknown[] = [];
    await page.route(`**${envelopePath}/send-decision`, async (route) => {
      decisions.push(route.request().postDataJSON());
      const envelope = (await app.api.get(envelopePath)).body;
      await route.fulfill({ status: 200, json: { ...envelope, status: 'sent', sendDecision: null } });
    });

    await page.goto(`${app.url}/envelopes/${created.body.id}`);
    // The panel is named by its title (Mantine's Alert labels itself by it).
    const panel = page.getByRole('region', { name: 'Did the provider create it? Your decision is needed' });
    await panel.getByText(reason).waitFor();

    // An id longer than the server takes is refused when the focus leaves it, under the field.
    const reference = panel.getByLabel(/its id there$/);
    await reference.fill('x'.repeat(201));
    await reference.press('Tab');
    await panel.getByText('Must be at most 200 characters', { exact: true }).waitFor();
    expect(await reference.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(reference)).toContain('Must be at most 200 characters');
    await screenshot(page, 'send-decision-reference-refused-on-blur');
    // "Mark as sent" sends nothing while it is refused.
    await panel.getByRole('button', { name: 'Mark as sent' }).click();
    expect(await reference.getAttribute('aria-invalid')).toBe('true');
    expect(decisions).toEqual([]);
    // Said once, under the field: no alert repeats it.
    expect(await panel.getByRole('alert').count()).toBe(0);

    // Corrected (spaces around it are not part of it), the error goes and the decision is sent.
    await reference.fill('  65a1f0c2e4b0a1b2c3d4e5f6 ');
    await reference.press('Tab');
    await panel.getByText('Must be at most 200 characters', { exact: true }).waitFor({ state: 'detached' });
    expect(await reference.getAttribute('aria-invalid')).not.toBe('true');
    await page.unroute(`**${envelopePath}`);
    await panel.getByRole('button', { name: 'Mark as sent' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(decisions).toEqual([{ decision: 'mark-sent', providerReference: '65a1f0c2e4b0a1b2c3d4e5f6' }]);

    expectNoConsoleErrors(testPage);
    await testPage.close();
  });
});
