import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyXmlSignature } from '../../../test/support/xml-signature.js';
import { AUTHORITY_FILE_NAME } from '../signing/authority.js';
import { control, createApiClient, documentBody, draftWithSigners, samplePdf, startTestSandbox, type ApiClient, type RunningSandbox } from './test-helpers.js';

/**
 * A package's life after Draft, over real HTTP: steps by OrderIndex, invitations, signing pages (SMS
 * OTP, RedirectURL), callbacks with retries, expiry on the sandbox clock, skip, revoke, reminders,
 * delete, and the outputs (signed PDFs, ZIP, audit proofs, external proofs, instant packages).
 */

let sandbox: RunningSandbox;
let client: ApiClient;
let receiver: Server;
let receiverUrl: string;
const received: Array<Record<string, unknown>> = [];
/** The receiver answers 500 to the first `failFirst` deliveries (to exercise retries). */
let failFirst = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createApiClient(sandbox);
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (failFirst > 0) {
        failFirst -= 1;
        response.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/connective`;
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

type Status = {
  PackageStatus: string;
  Stakeholders: Array<{ EmailAddress: string; Actors: Array<{ ActorId: string; ActorStatus: string; ActionUrl: string | null; CompletedBy: string | null; Reason: string | null; Locations: Array<{ UsedSigningType: string | null }> }> }>;
};
const statusOf = (id: string) => client.json<Status>('GET', `packages/${id}/status`);
const actorStatuses = (status: Status) => status.Stakeholders.map((stakeholder) => stakeholder.Actors[0]!.ActorStatus);
const act = (id: string, email: string, action: 'sign' | 'reject', reason?: string) => control(sandbox, 'POST', `packages/${id}/actors/${email}/actions`, { action, ...(reason ? { reason } : {}) });
const mailTo = async (to: string) => (await (await control(sandbox, 'GET', `mailbox?to=${encodeURIComponent(to)}`)).json()) as Array<{ subject: string; link: string | null }>;

/** Waits until `predicate` holds for the callbacks received (a deadline, never a fixed sleep). */
async function waitForCallbacks(predicate: (calls: Array<Record<string, unknown>>) => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!predicate(received)) {
    if (Date.now() > deadline) throw new Error(`callbacks not received: ${JSON.stringify(received)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function zipNames(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const names: string[] = [];
      file.on('entry', (entry: { fileName: string }) => {
        names.push(entry.fileName);
        file.readEntry();
      });
      file.on('end', () => resolve(names));
      file.readEntry();
    });
  });
}

const signatureCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/ByteRange\s*\[/g) ?? []).length;

describe('sequential signing to Finished', () => {
  it('opens steps by OrderIndex, invites by mail, calls back on every action, then signs each document once per signer', async () => {
    const { packageId, documentId } = await draftWithSigners(client, [
      { email: 'first@example.com', orderIndex: 1 },
      { email: 'second@example.com', orderIndex: 2 },
    ], { CallBackUrl: receiverUrl });
    expect(actorStatuses(await statusOf(packageId))).toEqual(['Draft', 'Draft']);

    const started = await client.json<Status>('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    expect(started.PackageStatus).toBe('Pending');
    expect(actorStatuses(started)).toEqual(['Available', 'Waiting']);
    const actionUrl = started.Stakeholders[0]!.Actors[0]!.ActionUrl!;
    expect(actionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_sandbox\/sign\//);
    expect(started.Stakeholders[1]!.Actors[0]!.ActionUrl).toBeNull();
    expect((await mailTo('first@example.com'))[0]!.link).toBe(actionUrl);
    expect(await mailTo('second@example.com')).toEqual([]);
    expect((await act(packageId, 'second@example.com', 'sign')).status).toBe(409);

    expect((await act(packageId, 'first@example.com', 'sign')).status).toBe(200);
    const middle = await statusOf(packageId);
    expect(actorStatuses(middle)).toEqual(['Finished', 'Available']);
    expect(middle.Stakeholders[0]!.Actors[0]!).toMatchObject({ CompletedBy: 'Signer 1', ActionUrl: null });
    expect(middle.Stakeholders[0]!.Actors[0]!.Locations[0]!.UsedSigningType).toBe('manual');
    expect(await mailTo('second@example.com')).toHaveLength(1);
    // Audit proofs only exist once the package is Finished.
    expect((await client.call('GET', `packages/${packageId}/auditproof/download`)).status).toBe(409);

    expect((await act(packageId, 'second@example.com', 'sign')).status).toBe(200);
    expect((await statusOf(packageId)).PackageStatus).toBe('Finished');

    const firstActor = started.Stakeholders[0]!.Actors[0]!.ActorId;
    await waitForCallbacks((calls) => calls.some((call) => call.PackageId === packageId && call.PackageStatus === 'Finished' && call.ActorId === null));
    const mine = received.filter((call) => call.PackageId === packageId);
    expect(mine[0]).toEqual({ PackageId: packageId, PackageStatus: 'Pending', ExternalPackageReference: 'env-1', ActorId: null, ActorStatus: null });
    expect(mine).toContainEqual({ PackageId: packageId, PackageStatus: 'Pending', ExternalPackageReference: 'env-1', ActorId: firstActor, ActorStatus: 'Finished' });

    const pdf = Buffer.from(await (await client.call('GET', `packages/${packageId}/download/${documentId}`)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(signatureCount(pdf)).toBe(2);
    // The control view names the signed file by its SHA-256, as the API serves it.
    const view = (await (await control(sandbox, 'GET', `packages/${packageId}`)).json()) as { PackageDocuments: Array<{ Signed: boolean; Sha256: string }> };
    expect(view.PackageDocuments).toEqual([expect.objectContaining({ Signed: true, Sha256: createHash('sha256').update(pdf).digest('hex') })]);
    const zipResponse = await client.call('GET', `packages/${packageId}/download`);
    expect(zipResponse.headers.get('content-type')).toBe('application/zip');
    expect(await zipNames(Buffer.from(await zipResponse.arrayBuffer()))).toEqual(['Lease.pdf']);

    const proof = await client.call('GET', `packages/${packageId}/auditproof/download`);
    expect(proof.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await proof.text();
    const authority = JSON.parse(await readFile(join(sandbox.dataDir, 'sandbox', 'ca', AUTHORITY_FILE_NAME), 'utf8')) as { caCertificatePem: string };
    const check = verifyXmlSignature(xml, authority.caCertificatePem);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    expect(xml).toContain(packageId);
    expect((await client.call('GET', `packages/${packageId}/auditproof/download/${documentId}`)).status).toBe(200);
    expect((await client.call('GET', `packages/${packageId}/auditproof/download/not-a-document`)).status).toBe(404);
  });

  it('retries a callback the receiver refuses, until it is delivered', async () => {
    const { packageId } = await draftWithSigners(client, [{ email: 'retry@example.com', orderIndex: 1 }], { CallBackUrl: receiverUrl });
    failFirst = 2;
    await client.json('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    await waitForCallbacks((calls) => calls.some((call) => call.PackageId === packageId && call.PackageStatus === 'Pending'));
    const view = (await (await control(sandbox, 'GET', `packages/${packageId}`)).json()) as { Callbacks: Array<{ attempts: number; status: string }> };
    expect(view.Callbacks[0]).toMatchObject({ attempts: 3, status: 'delivered' });
  });

  it('ends Rejected when a signer rejects, with the reason; nobody else can act', async () => {
    const { packageId } = await draftWithSigners(client, [{ email: 'no@example.com', orderIndex: 1 }, { email: 'late@example.com', orderIndex: 2 }]);
    await client.json('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    expect((await act(packageId, 'no@example.com', 'reject')).status).toBe(400);
    expect((await act(packageId, 'no@example.com', 'reject', 'Wrong amount')).status).toBe(200);
    const status = await statusOf(packageId);
    expect(status.PackageStatus).toBe('Rejected');
    expect(status.Stakeholders[0]!.Actors[0]).toMatchObject({ ActorStatus: 'Rejected', Reason: 'Wrong amount' });
    expect((await act(packageId, 'late@example.com', 'sign')).status).toBe(409);
  });
});

describe('signing pages', () => {
  it('asks an SmsOtp signer for the code sent to the sandbox SMS outbox, then redirects to RedirectURL', async () => {
    const { packageId } = await draftWithSigners(client, [
      { email: 'otp@example.com', orderIndex: 1, signingTypes: [{ SigningType: 'SmsOtp' }], phone: '+32470123456', redirectUrl: 'https://app.example.com/done?x=1', sendNotifications: false },
    ]);
    const started = await client.json<Status>('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    expect(await mailTo('otp@example.com')).toEqual([]);
    const url = started.Stakeholders[0]!.Actors[0]!.ActionUrl!;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Send me a code');
    // Words, not Connective's codes.
    expect(html).toContain('asked to sign.');
    expect(html).toContain('<dt>Documents</dt><dd>Waiting for signatures</dd><dt>Your part</dt><dd>Waiting for you</dd>');
    expect(html).not.toMatch(/\b(Pending|Available)\b/);

    const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' as const });
    expect((await fetch(`${url}/sign`, form({ code: '000000' }))).status).toBe(400);
    expect((await fetch(`${url}/code`, form({}))).status).toBe(200);
    const [sms] = (await (await control(sandbox, 'GET', 'sms?to=+32470123456')).json()) as Array<{ to: string; code: string; text: string }>;
    expect(sms!.text).toContain(sms!.code);
    // The same outbox as a page, for a person in a browser.
    const outbox = await (await fetch(`${sandbox.url}/_sandbox/sms?to=%2B32470123456`, { headers: { ...sandbox.controlHeaders, accept: 'text/html' } })).text();
    expect(outbox).toContain('<h2>Text message to +32470123456</h2>');
    expect(outbox).toContain(`<dd class="code">${sms!.code}</dd>`);
    const wrong = sms!.code === '111111' ? '222222' : '111111';
    expect((await fetch(`${url}/sign`, form({ code: wrong }))).status).toBe(400);
    const signed = await fetch(`${url}/sign`, form({ code: sms!.code }));
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('https://app.example.com/done?x=1');
    const status = await statusOf(packageId);
    expect(status.PackageStatus).toBe('Finished');
    expect(status.Stakeholders[0]!.Actors[0]!.Locations[0]!.UsedSigningType).toBe('SmsOtp');
  });
});

describe('expiry, extension, skip, revoke, reminders, delete', () => {
  it('expires a Pending package on the sandbox clock and brings it back with a new expiry', async () => {
    const expiry = new Date(Date.now() + 3600_000).toISOString();
    const { packageId } = await draftWithSigners(client, [{ email: 'slow@example.com', orderIndex: 1 }], { ExpiryTimestamp: expiry });
    await client.json('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    await control(sandbox, 'POST', 'clock', { advanceMs: 2 * 3600_000 });
    const expired = await statusOf(packageId);
    expect(expired.PackageStatus).toBe('Expired');
    expect(actorStatuses(expired)).toEqual(['Available']);
    expect((await act(packageId, 'slow@example.com', 'sign')).status).toBe(409);
    const clock = (await (await control(sandbox, 'GET', 'clock')).json()) as { now: string };
    const later = new Date(Date.parse(clock.now) + 86_400_000).toISOString();
    expect((await client.call('PUT', `packages/${packageId}/expirytimestamp`, { ExpiryTimestamp: '2001-01-01T00:00:00Z' })).status).toBe(400);
    expect((await client.call('PUT', `packages/${packageId}/expirytimestamp`, { ExpiryTimestamp: later })).status).toBe(200);
    const revived = await statusOf(packageId);
    expect(revived).toMatchObject({ PackageStatus: 'Pending', ExpiryTimestamp: later });
    expect((await act(packageId, 'slow@example.com', 'sign')).status).toBe(200);
  });

  it('skips open signers (Skipped, package Finished), revokes, reminds and deletes', async () => {
    const skip = await draftWithSigners(client, [{ email: 'a1@example.com', orderIndex: 1 }, { email: 'a2@example.com', orderIndex: 2 }]);
    expect((await client.call('POST', `packages/${skip.packageId}/skipsigners`)).status).toBe(409);
    await client.json('PUT', `packages/${skip.packageId}/status`, { Status: 'Pending' });
    await act(skip.packageId, 'a1@example.com', 'sign');
    expect((await client.call('POST', `packages/${skip.packageId}/skipsigners`)).status).toBe(200);
    const skipped = await statusOf(skip.packageId);
    expect(skipped.PackageStatus).toBe('Finished');
    expect(actorStatuses(skipped)).toEqual(['Finished', 'Skipped']);

    const revoke = await draftWithSigners(client, [{ email: 'r1@example.com', orderIndex: 1 }]);
    await client.json('PUT', `packages/${revoke.packageId}/status`, { Status: 'Pending' });
    expect((await client.call('POST', `packages/${revoke.packageId}/reminders`)).status).toBe(200);
    expect((await mailTo('r1@example.com')).map((mail) => mail.subject)).toEqual(['Reminder: please sign "Lease 2026/7"', 'Please sign "Lease 2026/7"']);
    expect((await client.json<Status>('PUT', `packages/${revoke.packageId}/status`, { Status: 'Revoked' })).PackageStatus).toBe('Revoked');
    expect((await client.call('POST', `packages/${revoke.packageId}/reminders`)).status).toBe(409);

    expect((await client.call('DELETE', `packages/${revoke.packageId}`, undefined, { 'content-type': 'application/json' })).status).toBe(200);
    const gone = await client.call('GET', `packages/${revoke.packageId}/status`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { ErrorCode: string }).ErrorCode).toBe('Package.NotFound');
  });
});

describe('outputs', () => {
  it('places a text marker at its first occurrence, and records an external proof in the audit proof', async () => {
    const { PackageId } = await client.json<{ PackageId: string }>('POST', 'packages', { PackageName: 'Markers', CorrelationId: 'corr-1' });
    const pdf = await samplePdf('Markers', { lines: ['Tenant: #SIG1#', 'Again #SIG1#'] });
    const added = await client.json<{ Locations: Array<{ Id: string; Label: string; PageNumber: number }> }>(
      'POST',
      `packages/${PackageId}/documents`,
      documentBody(pdf, { SigningFields: [{ MarkerOrFieldId: '#SIG1#' }, { MarkerOrFieldId: '#SIG1#', Label: 'tenant#2' }] }),
    );
    expect(added.Locations.map(({ Label, PageNumber }) => ({ Label, PageNumber }))).toEqual([
      { Label: '#SIG1#', PageNumber: 1 },
      { Label: 'tenant#2', PageNumber: 1 },
    ]);
    await client.json('PUT', `packages/${PackageId}/process`, {
      Stakeholders: [{ EmailAddress: 'm@example.com', FirstName: 'M', LastName: 'K', Actors: [{ Type: 'Signer', OrderIndex: 1, LocationIds: [added.Locations[0]!.Id] }] }],
    });
    await client.json('PUT', `packages/${PackageId}/status`, { Status: 'Pending' });
    const proof = await client.call('POST', `packages/${PackageId}/auditproof/proofs`, { Content: 'selfie-hash-42', Name: 'Liveness', Type: 'liveness', LocationId: added.Locations[0]!.Id, IpAddress: '203.0.113.9' });
    expect(proof.status).toBe(204);
    await act(PackageId, 'm@example.com', 'sign');
    const xml = await (await client.call('GET', 'packagecorrelations/corr-1/auditproof/download')).text();
    expect(xml).toContain('selfie-hash-42');
  });

  it('creates an instant package: document, stakeholders and their fields in one call, Pending at once', async () => {
    const pdf = await samplePdf('Instant', { pages: 2 });
    const response = await client.call('POST', 'packages/instant', {
      Document: pdf.toString('base64'),
      DocumentName: 'Instant.pdf',
      ExternalPackageReference: 'inst-1',
      Stakeholders: [
        { EmailAddress: 'i1@example.com', FirstName: 'I', LastName: 'One', Actors: [{ Type: 'Signer', OrderIndex: 1, SigningFields: [{ PageNumber: 2, Left: '10', Top: '10', Width: '100', Height: '50' }] }] },
        { EmailAddress: 'i2@example.com', FirstName: 'I', LastName: 'Two', Actors: [{ Type: 'Receiver' }] },
      ],
    });
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { PackageId: string; PackageStatus: string; PackageDocuments: Array<{ Locations: Array<{ PageNumber: number }> }> };
    expect(answer.PackageStatus).toBe('Pending');
    expect(answer.PackageDocuments[0]!.Locations.map((location) => location.PageNumber)).toEqual([2]);
    const status = await statusOf(answer.PackageId);
    expect(actorStatuses(status)).toEqual(['Available', 'Waiting']);
    await act(answer.PackageId, 'i1@example.com', 'sign');
    expect(actorStatuses(await statusOf(answer.PackageId))).toEqual(['Finished', 'Finished']);
    expect((await mailTo('i2@example.com'))[0]!.subject).toBe('Signed: "Instant.pdf"');
  });
});
