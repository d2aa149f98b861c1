/**
 * Issue 15's "Unblock": a person who made a mistake is never stuck. An envelope is edited while it
 * is being prepared (details, documents, participants, its connection) and deleted; an envelope is
 * copied ("Duplicate", "Correct and resend"); a failed send goes out through another connection and
 * says truthfully that nothing retries it; documents and connections are edited, re-keyed and deleted,
 * with the server's refusals in words; an unhealthy connection becomes the default only when confirmed.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../support/waiting.js';
import {
  browserSuite,
  describedBy,
  DESKTOP,
  DOCUMENTS,
  eventually,
  expectNoConsoleErrors,
  labelled,
  navigateTo,
  newPage,
  PHONE,
  sandboxCall,
  screenshot,
  signIn,
  type TestPage,
} from './support.js';

const suite = browserSuite();

const anna = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com' };
const bert = { firstName: 'Bert', lastName: 'Berg', email: 'bert.berg@example.com' };

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

const envelopeOf = async (id: string) => (await suite.app.api.get(`/api/v1/envelopes/${id}`)).body;

async function waitForEnvelopeStatus(id: string, status: string) {
  return waitUntil(() => envelopeOf(id), (envelope) => envelope.status === status, { what: `envelope ${id} ${status}` });
}

/** The envelope page's status badge, under its title. */
async function waitForStatus(page: Page, status: string) {
  await page.getByRole('heading', { level: 1 }).locator('xpath=..').getByText(status, { exact: true }).waitFor();
}

async function openEnvelope(tab: TestPage, id: string) {
  await tab.page.goto(`${suite.app.url}/envelopes/${id}`);
  await tab.page.getByRole('heading', { level: 1 }).waitFor();
}

/**
 * A connection to the built-in Autenti sandbox whose secret is wrong, checked once so that it shows
 * as not working: every send through it fails at once (a refusal is not retried).
 */
async function brokenConnection(name: string): Promise<{ id: string; clientId: string }> {
  const client = await sandboxCall(suite.app, 'POST', '/clients', { name });
  expect(client.status).toBe(200);
  const created = await suite.app.api.post('/api/v1/connections', { provider: 'autenti', name, baseUrl: 'sandbox', clientId: client.body.clientId, clientSecret: 'not-the-secret', accountEmail: 'sender@example.com' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await sandboxCall(suite.app, 'PUT', `/clients/${client.body.clientId}/public-key`, created.body.publicJwk)).status).toBe(200);
  expect((await suite.app.api.post(`/api/v1/connections/${created.body.id}/verify`)).body.ok).toBe(false);
  return { id: created.body.id, clientId: client.body.clientId };
}

/** An envelope for Anna sent through `connectionId` that failed there. */
async function failedEnvelope(title: string, connectionId: string): Promise<string> {
  const id = await createEnvelope({ title, connectionId, documentIds: [await upload(`${title}.pdf`)], participants: [{ ...anna, role: 'signer' }] });
  expect((await suite.app.api.post(`/api/v1/envelopes/${id}/send`)).status).toBe(202);
  await waitForEnvelopeStatus(id, 'failed');
  return id;
}

/** The built-in Autenti connection, the default of a fresh install. */
async function builtInConnection() {
  return (await suite.app.api.get('/api/v1/connections')).body.data.find((connection: any) => connection.isDefault);
}

describe('editing an envelope being prepared', () => {
  it('adds the missing signer to a draft, changes its details, a participant and its documents, removes a participant, then deletes it after asking', async () => {
    const { browser, app } = suite;
    const lease = await upload('Lease.pdf');
    await upload('Annex.pdf');
    // Only someone to receive the copy: a draft, which cannot be sent until it has a signer.
    const id = await createEnvelope({ title: 'Lease', documentIds: [lease], participants: [{ ...bert, role: 'receiver' }] });
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await openEnvelope(tab, id);
    await waitForStatus(page, 'Draft');

    // Add participant → the same fields as the create form → the envelope is ready.
    await page.getByRole('button', { name: 'Add participant' }).click();
    const adding = page.getByRole('dialog', { name: 'Add participant' });
    await adding.getByLabel(labelled('First name')).fill(anna.firstName);
    await adding.getByLabel(labelled('Last name')).fill(anna.lastName);
    await adding.getByLabel(labelled('Email')).fill(anna.email);
    expect(await adding.getByRole('textbox', { name: 'Role', exact: true }).inputValue()).toBe('Signer');
    await screenshot(page, 'desktop-add-participant');
    await adding.getByRole('button', { name: 'Add participant' }).click();
    await adding.waitFor({ state: 'hidden' });
    await waitForStatus(page, 'Ready');
    expect((await envelopeOf(id)).participants.map((participant: any) => [participant.email, participant.role])).toEqual([
      [bert.email, 'receiver'],
      [anna.email, 'signer'],
    ]);

    // Edit details: title and message.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: 'Edit envelope' });
    await details.getByLabel(labelled('Title')).fill('Lease of flat 4');
    await details.getByLabel('Message to participants').fill('Please sign by Friday.');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await details.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: 'Lease of flat 4' }).waitFor();
    await page.getByText('Please sign by Friday.').waitFor();
    expect(await envelopeOf(id)).toMatchObject({ title: 'Lease of flat 4', message: 'Please sign by Friday.', status: 'ready' });

    // A participant's own icon button, named for them: a wrong email is the server's words under the field.
    tab.allowFailedResponse(400, `/api/v1/envelopes/${id}/participants/${(await envelopeOf(id)).participants[1].id}`);
    await page.getByRole('button', { name: `Edit ${anna.firstName} ${anna.lastName}` }).click();
    const editing = page.getByRole('dialog', { name: `Edit ${anna.firstName} ${anna.lastName}` });
    expect(await editing.getByLabel(labelled('Email')).inputValue()).toBe(anna.email);
    await editing.getByLabel(labelled('Email')).fill('anna.nowak@');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await editing.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await editing.getByLabel(labelled('Email')).getAttribute('aria-invalid')).toBe('true');
    await editing.getByLabel(labelled('Email')).fill('anna.kowalska@example.com');
    await editing.getByLabel(labelled('Last name')).fill('Kowalska');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await editing.waitFor({ state: 'hidden' });
    await page.getByText('anna.kowalska@example.com').first().waitFor();
    expect((await envelopeOf(id)).participants[1]).toMatchObject({ lastName: 'Kowalska', email: 'anna.kowalska@example.com', role: 'signer' });

    // Remove the receiver, after confirming.
    await page.getByRole('button', { name: `Remove ${bert.firstName} ${bert.lastName}` }).click();
    const removal = page.getByRole('dialog', { name: `Remove ${bert.firstName} ${bert.lastName}?` });
    await removal.getByRole('button', { name: 'Remove', exact: true }).click();
    await removal.waitFor({ state: 'hidden' });
    await eventuallyGone(page, bert.email);
    expect((await envelopeOf(id)).participants.map((participant: any) => participant.email)).toEqual(['anna.kowalska@example.com']);

    // Documents: add one from the uploads, then remove it again by its named button.
    await page.getByRole('button', { name: 'Add document' }).click();
    await page.getByRole('option', { name: /Annex\.pdf/ }).click();
    await page.getByRole('link', { name: 'Annex.pdf', exact: true }).waitFor();
    expect((await envelopeOf(id)).documents.map((document: any) => document.filename)).toEqual(['Lease.pdf', 'Annex.pdf']);
    await screenshot(page, 'desktop-envelope-editing');
    await page.getByRole('button', { name: 'Remove Annex.pdf from this envelope' }).click();
    // The link, not the text: the closed document picker keeps its (hidden) options in the page.
    await page.getByRole('link', { name: 'Annex.pdf', exact: true }).waitFor({ state: 'detached' });
    expect((await envelopeOf(id)).documents.map((document: any) => document.filename)).toEqual(['Lease.pdf']);

    // Delete: asked first, then gone, back to the list.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const deletion = page.getByRole('dialog', { name: 'Delete this envelope?' });
    await deletion.getByText('It is deleted with its participants; its documents stay in Documents.').waitFor();
    await deletion.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Envelopes' }).waitFor();
    expect((await app.api.get(`/api/v1/envelopes/${id}`)).status).toBe(404);

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('the dialogs of an envelope being prepared, checked as they are filled in', () => {
  it('checks a participant’s email and the envelope’s title when they lose the focus, sends nothing while one is refused, then only what changed, and nothing when nothing did', async () => {
    const { browser, app } = suite;
    const id = await createEnvelope({ title: 'Checked lease', documentIds: [await upload('Checked lease.pdf')], participants: [{ ...anna, role: 'signer' }] });
    const participantId = (await envelopeOf(id)).participants[0].id;
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    const changes: Array<{ path: string; body: unknown }> = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') changes.push({ path: new URL(request.url()).pathname, body: request.postDataJSON() });
    });
    await openEnvelope(tab, id);
    await waitForStatus(page, 'Ready');

    // The participant dialog holds one participant: its email is checked as the server would, on leaving it.
    await page.getByRole('button', { name: `Edit ${anna.firstName} ${anna.lastName}` }).click();
    const editing = page.getByRole('dialog', { name: `Edit ${anna.firstName} ${anna.lastName}` });
    const email = editing.getByLabel(labelled('Email'));
    await email.fill('anna.nowak@');
    await page.keyboard.press('Tab');
    await eventually(async () => expect(await email.getAttribute('aria-invalid')).toBe('true'));
    expect(await describedBy(email)).toContain('Must be a valid email address, e.g. name@example.com');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(changes).toEqual([]);
    await email.fill('anna.nowak@example.org');
    await page.keyboard.press('Tab');
    expect(await email.getAttribute('aria-invalid')).not.toBe('true');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await editing.waitFor({ state: 'hidden' });
    expect(changes).toEqual([{ path: `/api/v1/envelopes/${id}/participants/${participantId}`, body: { email: 'anna.nowak@example.org' } }]);
    expect((await envelopeOf(id)).participants[0]).toMatchObject({ email: 'anna.nowak@example.org', firstName: anna.firstName });

    // Opened again, it starts from the saved participant; saved unchanged, it sends nothing.
    await page.getByText('anna.nowak@example.org').first().waitFor();
    await page.getByRole('button', { name: `Edit ${anna.firstName} ${anna.lastName}` }).click();
    expect(await email.inputValue()).toBe('anna.nowak@example.org');
    expect(await email.getAttribute('aria-invalid')).not.toBe('true');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await editing.waitFor({ state: 'hidden' });
    expect(changes).toHaveLength(1);

    // The envelope's details: an emptied title is refused on leaving it, then the new one alone is sent.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: 'Edit envelope' });
    const title = details.getByLabel(labelled('Title'));
    await title.fill('');
    await page.keyboard.press('Tab');
    await eventually(async () => expect(await title.getAttribute('aria-invalid')).toBe('true'));
    expect(await describedBy(title)).toContain('Must not be empty');
    expect(changes).toHaveLength(1);
    await title.fill('Checked lease of flat 2');
    await page.keyboard.press('Tab');
    expect(await title.getAttribute('aria-invalid')).not.toBe('true');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checked lease of flat 2' }).waitFor();
    expect(changes.at(-1)).toEqual({ path: `/api/v1/envelopes/${id}`, body: { title: 'Checked lease of flat 2' } });

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('a failed send', () => {
  it('says nothing retries it, is sent again through another connection, and is copied by Correct and resend', async () => {
    const { browser, app } = suite;
    const broken = await brokenConnection('Autenti with a wrong secret');
    const builtIn = await builtInConnection();
    const moved = await failedEnvelope('Boat rental', broken.id);
    const copied = await failedEnvelope('Bike rental', broken.id);
    const failed = await envelopeOf(moved);
    expect(failed.statusReason).not.toMatch(/retries/);

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await openEnvelope(tab, moved);
    await waitForStatus(page, 'Failed');
    const alert = page.getByRole('status').filter({ hasText: 'Sending failed' });
    await alert.getByText(`Reason: ${failed.statusReason}`).waitFor();
    await alert.getByText('Countersign will not send it again by itself.').waitFor();
    expect(await alert.innerText()).not.toMatch(/retries later/);
    // Its connection, shown as not working, and a choice of another.
    const connection = page.getByRole('textbox', { name: 'Sent through', exact: true });
    expect(await connection.inputValue()).toBe('Autenti with a wrong secret · Autenti (not working)');
    await page.getByText(/^This connection did not work at its last check/).waitFor();
    await page.getByRole('button', { name: 'Correct and resend' }).waitFor();
    await screenshot(page, 'desktop-failed-send');

    await connection.click();
    await page.getByRole('option', { name: `${builtIn.name} · Autenti`, exact: true }).click();
    await waitForStatus(page, 'Ready');
    expect((await envelopeOf(moved)).connectionId).toBe(builtIn.id);
    await page.getByRole('button', { name: 'Send to participants' }).click();
    await waitForStatus(page, 'Sent');
    expect(await envelopeOf(moved)).toMatchObject({ status: 'sent', connectionId: builtIn.id, provider: 'autenti' });

    // The other one: Correct and resend makes a copy, opened with its details for editing; the copy
    // goes through another connection, and the failed original stays as it was.
    await openEnvelope(tab, copied);
    await page.getByRole('button', { name: 'Correct and resend' }).click();
    const details = page.getByRole('dialog', { name: 'Edit envelope' });
    await details.waitFor();
    const copyId = /env_[0-9A-Za-z]+/.exec(page.url())![0];
    expect(copyId).not.toBe(copied);
    expect(await details.getByLabel(labelled('Title')).inputValue()).toBe('Bike rental');
    await details.getByLabel(labelled('Title')).fill('Bike rental (corrected)');
    await screenshot(page, 'desktop-correct-and-resend');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bike rental (corrected)' }).waitFor();
    await page.getByRole('textbox', { name: 'Sent through', exact: true }).click();
    await page.getByRole('option', { name: /^The default connection/ }).click();
    await eventuallyTrue(async () => (await envelopeOf(copyId)).connectionId === null);
    await page.getByRole('button', { name: 'Send to participants' }).click();
    await waitForStatus(page, 'Sent');
    const copy = await envelopeOf(copyId);
    const original = await envelopeOf(copied);
    expect(copy).toMatchObject({ status: 'sent', title: 'Bike rental (corrected)', documents: original.documents });
    expect(copy.participants.map((participant: any) => participant.email)).toEqual([anna.email]);
    expect(copy.events[0]).toMatchObject({ type: 'envelope-created', detail: { clonedFrom: copied } });
    expect(original).toMatchObject({ status: 'failed', title: 'Bike rental', connectionId: broken.id });

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('offers Duplicate for an envelope that did not end badly', async () => {
    const { browser, app } = suite;
    const id = await createEnvelope({ title: 'Loan', documentIds: [await upload('Loan.pdf')], participants: [{ ...anna, role: 'signer' }] });
    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, app);
    await openEnvelope(tab, id);
    await page.getByRole('button', { name: 'Duplicate' }).click();
    const details = page.getByRole('dialog', { name: 'Edit envelope' });
    await details.waitFor();
    await details.getByRole('button', { name: 'Cancel' }).click();
    const copyId = /env_[0-9A-Za-z]+/.exec(page.url())![0];
    expect(copyId).not.toBe(id);
    await waitForStatus(page, 'Ready');
    expect(await envelopeOf(copyId)).toMatchObject({ title: 'Loan', status: 'ready', participants: [expect.objectContaining({ email: anna.email, status: 'pending' })] });
    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('documents and connections', () => {
  it('deletes a document not in use, and says in words why one an envelope was sent with stays', async () => {
    const { browser, app } = suite;
    await upload('Unused draft.pdf');
    const sentId = await createEnvelope({ title: 'Sent contract', documentIds: [await upload('Sent contract.pdf')], participants: [{ ...anna, role: 'signer' }] });
    expect((await app.api.post(`/api/v1/envelopes/${sentId}/send`)).status).toBe(202);
    await waitForEnvelopeStatus(sentId, 'sent');
    const usedId = (await envelopeOf(sentId)).documents[0].id;

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    tab.allowFailedResponse(409, `/api/v1/documents/${usedId}`);
    await signIn(page, app);
    await navigateTo(page, 'Documents');

    await page.getByRole('button', { name: 'Delete Sent contract.pdf' }).click();
    const refused = page.getByRole('dialog', { name: 'Delete Sent contract.pdf?' });
    await refused.getByRole('button', { name: 'Delete', exact: true }).click();
    const message = refused.getByRole('alert').filter({ hasText: 'The document was not deleted' });
    await message.getByText(/^"Sent contract\.pdf" cannot be deleted: the envelope "Sent contract" .* was sent with it/).waitFor();
    await screenshot(page, 'desktop-document-in-use');
    await refused.getByRole('button', { name: 'Cancel' }).click();
    expect((await app.api.get(`/api/v1/documents/${usedId}`)).status).toBe(200);

    await page.getByRole('button', { name: 'Delete Unused draft.pdf' }).click();
    await page.getByRole('dialog', { name: 'Delete Unused draft.pdf?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await eventuallyGone(page, 'Unused draft.pdf');
    expect((await app.api.get('/api/v1/documents?limit=100')).body.data.map((document: any) => document.filename)).not.toContain('Unused draft.pdf');

    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('edits a connection (the secret again for a new URL), makes it a new key pair, refuses to delete one in use with the server’s reason, deletes another, and asks before making an unhealthy one the default', async () => {
    const { browser, app } = suite;
    const broken = await brokenConnection('Spare Autenti');
    const builtIn = await builtInConnection();
    const before = (await app.api.get(`/api/v1/connections/${broken.id}`)).body;
    // The built-in connection has an envelope at the provider: it cannot be deleted now.
    const inFlight = await createEnvelope({ title: 'In flight', documentIds: [await upload('In flight.pdf')], participants: [{ ...anna, role: 'signer' }] });
    expect((await app.api.post(`/api/v1/envelopes/${inFlight}/send`)).status).toBe(202);
    await waitForEnvelopeStatus(inFlight, 'sent');

    const tab = await newPage(browser, DESKTOP);
    const { page } = tab;
    tab.allowFailedResponse(422, `/api/v1/connections/${broken.id}`);
    tab.allowFailedResponse(409, `/api/v1/connections/${builtIn.id}`);
    await signIn(page, app);
    await navigateTo(page, 'Settings');
    const card = page.getByRole('article', { name: 'Connection Spare Autenti', exact: true });

    // Edit: another API URL without the secret is refused under the secret's field; the name alone saves.
    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'Edit connection' });
    expect(await form.getByLabel(labelled('Client application ID')).inputValue()).toBe(broken.clientId);
    expect(await form.getByLabel(labelled('Client secret key')).inputValue()).toBe('');
    await form.getByRole('radio', { name: 'Test', exact: true }).check();
    await form.getByText('Type it again: the stored one is never sent to a new API URL.').waitFor();
    await form.getByRole('button', { name: 'Save changes' }).click();
    // Under the field, in words: the field's own label, not only its name in the API.
    await form.getByText(/^Type the client secret key \(clientSecret\) again with a new URL/).waitFor();
    await form.getByRole('alert').filter({ hasText: 'The connection was not changed' }).waitFor();
    await screenshot(page, 'desktop-connection-secret-again');
    await form.getByRole('radio', { name: 'Built-in sandbox', exact: true }).check();
    await form.getByLabel(labelled('Connection name')).fill('Backup Autenti');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'hidden' });
    const renamed = page.getByRole('article', { name: 'Connection Backup Autenti', exact: true });
    await renamed.waitFor();
    expect((await app.api.get(`/api/v1/connections/${broken.id}`)).body).toMatchObject({ name: 'Backup Autenti', environment: 'sandbox', baseUrl: before.baseUrl });

    // A new key pair: asked first, then the new public key to register.
    await renamed.getByRole('button', { name: 'New key pair' }).click();
    await page.getByRole('dialog', { name: 'A new key pair for Backup Autenti?' }).getByRole('button', { name: 'Make a new key pair' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'New public key' });
    const shownKey = JSON.parse((await keyDialog.getByLabel('Public key', { exact: true }).innerText()).trim());
    const rotated = (await app.api.get(`/api/v1/connections/${broken.id}`)).body;
    expect(shownKey).toEqual(rotated.publicJwk);
    expect(rotated.publicJwk.n).not.toBe(before.publicJwk.n);
    expect(rotated.health.status).toBe('unknown');
    await keyDialog.getByRole('button', { name: 'OK', exact: true }).click();

    // Making it the default while it has never been verified asks first; Cancel changes nothing.
    await renamed.getByRole('button', { name: 'Make default' }).click();
    const asking = page.getByRole('dialog', { name: 'Make Backup Autenti the default?' });
    await asking.getByText(/has not been verified yet/).waitFor();
    await asking.getByRole('button', { name: 'Cancel' }).click();
    expect((await app.api.get(`/api/v1/connections/${broken.id}`)).body.isDefault).toBe(false);
    // Verified and failing, it says why; confirmed, it becomes the default.
    await renamed.getByRole('button', { name: 'Verify' }).click();
    await renamed.getByLabel('Health: Error').waitFor();
    await renamed.getByRole('button', { name: 'Make default' }).click();
    await asking.getByText(/^It did not work at its last check: /).waitFor();
    await screenshot(page, 'desktop-unhealthy-default');
    await asking.getByRole('button', { name: 'Make default anyway' }).click();
    await renamed.getByText('Default', { exact: true }).waitFor();
    expect((await app.api.get(`/api/v1/connections/${broken.id}`)).body.isDefault).toBe(true);
    expect((await app.api.patch(`/api/v1/connections/${builtIn.id}`, { makeDefault: true })).status).toBe(200);
    await page.reload();

    // Delete: the one with an envelope in flight is refused in the server's words; the other goes.
    const builtInCard = page.getByRole('article', { name: `Connection ${builtIn.name}`, exact: true });
    await builtInCard.getByRole('button', { name: 'Delete', exact: true }).click();
    const refusal = page.getByRole('dialog', { name: `Delete ${builtIn.name}?` });
    await refusal.getByRole('button', { name: 'Delete', exact: true }).click();
    await refusal.getByRole('alert').getByText(/has \d+ envelopes? in flight at the provider; it can be deleted once they are finished or withdrawn\./).waitFor();
    await refusal.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('article', { name: 'Connection Backup Autenti', exact: true }).getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete Backup Autenti?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('article', { name: 'Connection Backup Autenti', exact: true }).waitFor({ state: 'detached' });
    expect((await app.api.get(`/api/v1/connections/${broken.id}`)).status).toBe(404);
    expect((await app.api.get(`/api/v1/connections/${builtIn.id}`)).status).toBe(200);

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('at phone width', () => {
  it('edits a participant and the details of a ready envelope, every control on screen and named', async () => {
    const { browser, app } = suite;
    const id = await createEnvelope({ title: 'Phone lease', documentIds: [await upload('Phone lease.pdf')], participants: [{ ...anna, role: 'signer' }] });
    const tab = await newPage(browser, PHONE);
    const { page } = tab;
    await signIn(page, app);
    await openEnvelope(tab, id);
    await waitForStatus(page, 'Ready');

    await page.getByRole('button', { name: `Edit ${anna.firstName} ${anna.lastName}` }).click();
    const editing = page.getByRole('dialog', { name: `Edit ${anna.firstName} ${anna.lastName}` });
    await editing.getByLabel(labelled('First name')).fill('Annabel');
    await screenshot(page, 'phone-edit-participant');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await editing.waitFor({ state: 'hidden' });
    await page.getByText('Annabel Nowak', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: 'Edit envelope' });
    await details.getByLabel(labelled('Title')).fill('Phone lease, signed on the go');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phone lease, signed on the go' }).waitFor();
    await page.getByRole('button', { name: 'Add document' }).waitFor();
    await page.getByRole('button', { name: 'Remove Phone lease.pdf from this envelope' }).waitFor();
    await screenshot(page, 'phone-envelope-editing');
    const { scrollWidth, clientWidth } = (await page.evaluate(
      '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
    )) as { scrollWidth: number; clientWidth: number };
    expect(scrollWidth, 'the envelope page fits the phone’s width').toBeLessThanOrEqual(clientWidth);
    expect(await envelopeOf(id)).toMatchObject({ title: 'Phone lease, signed on the go', participants: [expect.objectContaining({ firstName: 'Annabel' })] });

    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

/** Waits (with a deadline) until no element on the page has this exact text. */
async function eventuallyGone(page: Page, text: string) {
  await page.getByText(text, { exact: true }).first().waitFor({ state: 'detached' });
}

async function eventuallyTrue(check: () => Promise<boolean>) {
  await waitUntil(check, (value) => value, { what: 'the change to reach the server' });
}
