import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, createApiClient, documentBody, samplePdf, startTestSandbox, type ApiClient, type RunningSandbox } from './test-helpers.js';

/**
 * The Draft side of the API over real HTTP: authentication, packages, documents, locations, process,
 * listing, throttling and the error shape (seed 001; the brief's wire contract).
 */

let sandbox: RunningSandbox;
let client: ApiClient;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createApiClient(sandbox);
});
afterAll(async () => sandbox?.close());

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { ErrorCode: string; Message: string };
  expect(body.ErrorCode).toBe(code);
  expect(typeof body.Message).toBe('string');
  return body.Message;
}

const newPackage = async (extra: Record<string, unknown> = {}) =>
  (await client.json<{ PackageId: string; CreationTimestamp: string }>('POST', 'packages', { PackageName: 'Lease', ...extra })).PackageId;

describe('authentication', () => {
  it('refuses a call without Basic credentials or with a wrong password (401 Authentication.Failed)', async () => {
    await expectError(await fetch(`${sandbox.api}packages`), 401, 'Authentication.Failed');
    const wrong = `Basic ${Buffer.from(`${client.username}:not-it`).toString('base64')}`;
    await expectError(await fetch(`${sandbox.api}packages`, { headers: { authorization: wrong } }), 401, 'Authentication.Failed');
  });

  it('keeps each API user to its own packages (another user gets 404 Package.NotFound)', async () => {
    const id = await newPackage();
    const other = await createApiClient(sandbox, 'other');
    await expectError(await other.call('GET', `packages/${id}/status`), 404, 'Package.NotFound');
  });
});

describe('Create Package', () => {
  it('answers 201 with the id and a UTC creation time; the package is Draft with nulls for what was not given', async () => {
    const response = await client.call('POST', 'packages', { PackageName: 'Lease 2026/7' });
    expect(response.status).toBe(201);
    const { PackageId, CreationTimestamp } = (await response.json()) as { PackageId: string; CreationTimestamp: string };
    expect(CreationTimestamp).toMatch(/Z$/);
    const status = await client.json(`GET`, `packages/${PackageId}/status`);
    expect(status).toMatchObject({ PackageName: 'Lease 2026/7', PackageStatus: 'Draft', Initiator: null, ExpiryTimestamp: null, ExternalPackageReference: null, F2FSigningUrl: null, PackageDocuments: [], Stakeholders: [] });
  });

  it('refuses an Initiator that is not an email, an expiry in the past and a missing name (400 Request.Invalid)', async () => {
    await expectError(await client.call('POST', 'packages', { PackageName: 'x', Initiator: 'bob' }), 400, 'Request.Invalid');
    await expectError(await client.call('POST', 'packages', { PackageName: 'x', ExpiryTimestamp: '2001-01-01T00:00:00Z' }), 400, 'Request.Invalid');
    await expectError(await client.call('POST', 'packages', {}), 400, 'Request.Invalid');
  });
});

describe('Add Document', () => {
  it('answers exactly one location per SigningField, in order, numbers as numbers or strings, labels as given', async () => {
    const id = await newPackage();
    const pdf = await samplePdf('Lease', { pages: 2 });
    const response = await client.call(
      'POST',
      `packages/${id}/documents`,
      documentBody(pdf, {
        SigningFields: [
          { PageNumber: 2, Left: '100', Top: '500.5', Width: '180', Height: '60', Label: 'p2#1' },
          { PageNumber: 1, Left: 50, Top: 50, Width: 100, Height: 40 },
        ],
      }),
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { DocumentId: string; Locations: Array<{ Id: string; Label: string | null; PageNumber: number }> };
    expect(answer.Locations.map(({ Label, PageNumber }) => ({ Label, PageNumber }))).toEqual([
      { Label: 'p2#1', PageNumber: 2 },
      { Label: null, PageNumber: 1 },
    ]);
    const view = (await (await control(sandbox, 'GET', `packages/${id}`)).json()) as { PackageDocuments: Array<{ SourceFileName: string; Locations: Array<Record<string, unknown>> }> };
    expect(view.PackageDocuments[0]!.SourceFileName).toBe('Lease.pdf');
    expect(view.PackageDocuments[0]!.Locations[0]).toMatchObject({ PageNumber: 2, Left: 100, Top: 500.5, Width: 180, Height: 60 });
  });

  it('logs the call without the base64 (replaced by its byte count)', async () => {
    const id = await newPackage();
    const pdf = await samplePdf('Logged');
    const since = ((await (await control(sandbox, 'GET', 'calls')).json()) as Array<{ seq: number }>).at(-1)?.seq ?? 0;
    await client.json('POST', `packages/${id}/documents`, documentBody(pdf));
    const calls = (await (await control(sandbox, 'GET', `calls?since=${since}`)).json()) as Array<{ path: string; user: string; body: Record<string, unknown>; headers: Record<string, string> }>;
    const upload = calls.find((call) => call.path === `/webportalapi/v3/packages/${id}/documents`)!;
    expect(upload.body.Document).toBe(`<base64: ${pdf.length} bytes>`);
    expect(upload.body.DocumentName).toBe('Lease.pdf');
    expect(upload.user).toBe(client.username);
    expect(upload.headers.authorization).toBe('Basic [redacted]');
  });

  it('takes the public client multipart shape: a Data part (JSON) and a Document part (the file)', async () => {
    const id = await newPackage();
    const form = new FormData();
    form.append('Data', JSON.stringify({ DocumentName: 'Annex.pdf', DocumentType: 'application/pdf', SigningFields: [{ Label: 'a', PageNumber: '1', Left: '10', Top: '10', Width: '100', Height: '50' }] }));
    form.append('Document', new Blob([new Uint8Array(await samplePdf('Annex'))], { type: 'application/pdf' }), 'Annex.pdf');
    const answer = await client.json<{ Locations: Array<{ Label: string }> }>('POST', `packages/${id}/documents`, form);
    expect(answer.Locations).toHaveLength(1);
    expect(answer.Locations[0]!.Label).toBe('a');
    const status = await client.json<{ PackageDocuments: Array<{ DocumentName: string }> }>('GET', `packages/${id}/status`);
    expect(status.PackageDocuments.map((document) => document.DocumentName)).toEqual(['Annex.pdf']);
  });

  it('refuses a box off the page or beyond the last page (400), a non-PDF (409 Document.Invalid), a missing marker (409)', async () => {
    const id = await newPackage();
    const pdf = await samplePdf('Lease');
    const box = (field: Record<string, unknown>) => client.call('POST', `packages/${id}/documents`, documentBody(pdf, { SigningFields: [field] }));
    await expectError(await box({ PageNumber: 2, Left: 0, Top: 0, Width: 10, Height: 10 }), 400, 'Request.Invalid');
    await expectError(await box({ PageNumber: 1, Left: 500, Top: 0, Width: 200, Height: 10 }), 400, 'Request.Invalid');
    await expectError(await box({ MarkerOrFieldId: '#no-such-marker#' }), 409, 'Document.MarkerNotFound');
    await expectError(await client.call('POST', `packages/${id}/documents`, documentBody(Buffer.from('not a pdf at all'))), 409, 'Document.Invalid');
    const status = await client.json<{ PackageDocuments: unknown[] }>('GET', `packages/${id}/status`);
    expect(status.PackageDocuments).toEqual([]);
  });

  it('deletes a document in Draft, also when sent with a JSON content type and no body', async () => {
    const id = await newPackage();
    const { DocumentId } = await client.json<{ DocumentId: string }>('POST', `packages/${id}/documents`, documentBody(await samplePdf('Gone')));
    const response = await client.call('DELETE', `packages/${id}/documents/${DocumentId}`, undefined, { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    expect((await client.json<{ Documents: unknown[] }>('GET', `packages/${id}/locations`)).Documents).toEqual([]);
    await expectError(await client.call('DELETE', `packages/${id}/documents/${DocumentId}`), 404, 'Document.NotFound');
  });
});

describe('Set Process Information and Get Signing Locations', () => {
  it('lists locations per document, and sets stakeholders through v3 (LocationIds) and v3.1 (Locations[{Id}])', async () => {
    const id = await newPackage();
    const added = await client.json<{ DocumentId: string; Locations: Array<{ Id: string }> }>(
      'POST',
      `packages/${id}/documents`,
      documentBody(await samplePdf('Lease'), { ExternalDocumentReference: 'doc-9', SigningFields: [{ PageNumber: 1, Left: 10, Top: 10, Width: 100, Height: 50, Label: 'x' }] }),
    );
    const locations = await client.json<{ Documents: Array<{ DocumentId: string; ExternalDocumentReference: string; Locations: Array<{ Id: string; Label: string; PageNumber: number }> }> }>('GET', `packages/${id}/locations`);
    expect(locations.Documents).toEqual([{ DocumentId: added.DocumentId, ExternalDocumentReference: 'doc-9', Locations: [{ Id: added.Locations[0]!.Id, Label: 'x', PageNumber: 1 }] }]);

    const stakeholder = { Type: 'Person', EmailAddress: 'ann@example.com', FirstName: 'Ann', LastName: 'Lee' };
    const v3 = await client.call('PUT', `packages/${id}/process`, { Stakeholders: [{ ...stakeholder, Actors: [{ Type: 'Signer', OrderIndex: '1', LocationIds: [added.Locations[0]!.Id] }] }] });
    expect(v3.status).toBe(200);
    expect(await v3.json()).toEqual({});
    const v31 = await fetch(`${sandbox.url}/webportalapi/v3.1/packages/${id}/process`, {
      method: 'PUT',
      headers: { authorization: `Basic ${Buffer.from(`${client.username}:${client.password}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        Stakeholders: [
          { ...stakeholder, Actors: [{ Type: 'Signer', OrderIndex: 1, Locations: [{ Id: added.Locations[0]!.Id }], SigningTypes: [{ SigningType: 'SmsOtp' }], Phonenumber: '+32470123456' }] },
          { Type: 'Person', EmailAddress: 'copy@example.com', FirstName: 'Cy', LastName: 'Py', Actors: [{ Type: 'Receiver' }] },
        ],
      }),
    });
    expect(v31.status).toBe(200);
    const view = (await (await control(sandbox, 'GET', `packages/${id}`)).json()) as { Stakeholders: Array<{ EmailAddress: string; StakeholderId: string; Actors: Array<Record<string, unknown>> }> };
    expect(view.Stakeholders.map((entry) => entry.EmailAddress)).toEqual(['ann@example.com', 'copy@example.com']);
    expect(view.Stakeholders[0]!.Actors[0]).toMatchObject({ Type: 'Signer', ActorStatus: 'Draft', ActionUrl: null, OrderIndex: 1, SigningType: 'SmsOtp', Phonenumber: '+32470123456', LocationIds: [added.Locations[0]!.Id] });
    expect(view.Stakeholders[1]!.Actors[0]).toMatchObject({ Type: 'Receiver', OrderIndex: null });
  });

  it('refuses an unknown location, SmsOtp without a phone number, an unknown signing type, and a signer without location', async () => {
    const id = await newPackage();
    await client.json('POST', `packages/${id}/documents`, documentBody(await samplePdf('Lease'), { SigningFields: [{ PageNumber: 1, Left: 10, Top: 10, Width: 100, Height: 50 }] }));
    const signer = (actor: Record<string, unknown>) => client.call('PUT', `packages/${id}/process`, { Stakeholders: [{ EmailAddress: 'a@example.com', FirstName: 'A', LastName: 'B', Actors: [{ Type: 'Signer', OrderIndex: 1, ...actor }] }] });
    await expectError(await signer({ LocationIds: ['nope'] }), 400, 'Request.Invalid');
    const { Documents } = await client.json<{ Documents: Array<{ Locations: Array<{ Id: string }> }> }>('GET', `packages/${id}/locations`);
    const location = Documents[0]!.Locations[0]!.Id;
    await expectError(await signer({ LocationIds: [location], SigningTypes: [{ SigningType: 'SmsOtp' }] }), 400, 'Request.Invalid');
    await expectError(await signer({ LocationIds: [location], SigningTypes: [{ SigningType: 'BeId' }] }), 400, 'Request.Invalid');
    await expectError(await signer({}), 400, 'Request.Invalid');
  });

  it('gives each signer a location at the end of the last page when the package has none', async () => {
    const id = await newPackage();
    await client.json('POST', `packages/${id}/documents`, documentBody(await samplePdf('Lease', { pages: 3 })));
    await client.json('PUT', `packages/${id}/process`, { Stakeholders: [{ EmailAddress: 'a@example.com', FirstName: 'A', LastName: 'B', Actors: [{ Type: 'Signer', OrderIndex: 1 }] }] });
    const { Documents } = await client.json<{ Documents: Array<{ Locations: Array<{ PageNumber: number }> }> }>('GET', `packages/${id}/locations`);
    expect(Documents[0]!.Locations.map((location) => location.PageNumber)).toEqual([3]);
  });
});

describe('Set Package Status', () => {
  it('refuses Pending without a document or signer, and anything but Pending/Revoked (409 Package.InvalidStatus)', async () => {
    const id = await newPackage();
    await expectError(await client.call('PUT', `packages/${id}/status`, { Status: 'Pending' }), 409, 'Package.InvalidStatus');
    await client.json('POST', `packages/${id}/documents`, documentBody(await samplePdf('Lease')));
    await expectError(await client.call('PUT', `packages/${id}/status`, { status: 'Pending' }), 409, 'Package.InvalidStatus');
    await expectError(await client.call('PUT', `packages/${id}/status`, { Status: 'Finished' }), 409, 'Package.InvalidStatus');
    await expectError(await client.call('PUT', `packages/${id}/status`, { Status: 'Revoked' }), 409, 'Package.InvalidStatus');
  });
});

describe('Package List', () => {
  it('pages by creation time with an opaque continuation token, null on the last page, and filters by status', async () => {
    const lister = await createApiClient(sandbox, 'lister');
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push((await lister.json<{ PackageId: string }>('POST', 'packages', { PackageName: `P${index}`, ExternalPackageReference: `ref-${index}` })).PackageId);
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = `packages?MaxQuantity=2${token ? `&ContinuationToken=${encodeURIComponent(token)}` : ''}`;
      const page: { ContinuationToken: string | null; MaxQuantity: number; Total: number; Items: Array<{ Id: string; PackageStatus: string; ExternalPackageReference: string }> } = await lister.json('GET', query);
      expect(page.Total).toBe(5);
      expect(page.MaxQuantity).toBe(2);
      seen.push(...page.Items.map((item) => item.Id));
      token = page.ContinuationToken;
      pages += 1;
    } while (token && pages < 10);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    const drafts = await lister.json<{ Items: unknown[] }>('GET', 'packages?Status=Pending');
    expect(drafts.Items).toEqual([]);
    const descending = await lister.json<{ Items: Array<{ Id: string }> }>('GET', 'packages?SortOrder=DESC&MaxQuantity=1');
    expect(descending.Items[0]!.Id).toBe(ids[4]);
    await expectError(await lister.call('GET', 'packages?MaxQuantity=101'), 400, 'Request.Invalid');
    await expectError(await lister.call('GET', 'packages?ContinuationToken=garbage'), 400, 'Request.Invalid');
  });
});

describe('throttling', () => {
  it('answers the 101st call within 60 s of the sandbox clock with 429 Throttling.Exceeded and Retry-After, then lets calls through again', async () => {
    const busy = await createApiClient(sandbox, 'busy');
    for (let index = 0; index < 100; index += 1) expect((await busy.call('GET', 'packages?MaxQuantity=1')).status).toBe(200);
    const refused = await busy.call('GET', 'packages');
    const retryAfter = Number(refused.headers.get('retry-after'));
    await expectError(refused, 429, 'Throttling.Exceeded');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another API user is not throttled.
    expect((await client.call('GET', 'packages?MaxQuantity=1')).status).toBe(200);
    await control(sandbox, 'POST', 'clock', { advanceMs: 61_000 });
    expect((await busy.call('GET', 'packages?MaxQuantity=1')).status).toBe(200);
  });
});

describe('faults', () => {
  it('injects 429s every N calls in Connective error shape until reset', async () => {
    expect((await control(sandbox, 'PUT', 'faults', { rateLimit: { every: 1, retryAfterSeconds: 3 } })).status).toBe(200);
    const refused = await client.call('GET', 'packages');
    expect(refused.headers.get('retry-after')).toBe('3');
    await expectError(refused, 429, 'Throttling.Exceeded');
    await control(sandbox, 'DELETE', 'faults');
    expect((await client.call('GET', 'packages')).status).toBe(200);
  });
});

describe('document size limit', () => {
  it('refuses a document above maxFileBytes with 413 Document.TooLarge, JSON and multipart alike', async () => {
    const small = await startTestSandbox({ maxFileBytes: 50_000 });
    try {
      const user = await createApiClient(small);
      const { PackageId } = await user.json<{ PackageId: string }>('POST', 'packages', { PackageName: 'Big' });
      const big = Buffer.alloc(200_000, 7);
      await expectError(await user.call('POST', `packages/${PackageId}/documents`, documentBody(big)), 413, 'Document.TooLarge');
      const form = new FormData();
      form.append('Data', JSON.stringify({ DocumentName: 'big.pdf' }));
      form.append('Document', new Blob([new Uint8Array(big)]), 'big.pdf');
      await expectError(await user.call('POST', `packages/${PackageId}/documents`, form), 413, 'Document.TooLarge');
      expect((await user.json<{ PackageDocuments: unknown[] }>('GET', `packages/${PackageId}/status`)).PackageDocuments).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('refuses an upload to a package that is not Draft before reading its body', async () => {
    const id = await newPackage();
    await client.json('POST', `packages/${id}/documents`, documentBody(await samplePdf('One')));
    await client.json('PUT', `packages/${id}/process`, { Stakeholders: [{ EmailAddress: 'a@example.com', FirstName: 'A', LastName: 'B', Actors: [{ Type: 'Signer', OrderIndex: 1 }] }] });
    await client.json('PUT', `packages/${id}/status`, { Status: 'Pending' });
    await expectError(await client.call('POST', `packages/${id}/documents`, documentBody(await samplePdf('Two'))), 409, 'Package.InvalidStatus');
    await expectError(await client.call('PUT', `packages/${id}/process`, { Stakeholders: [] }), 409, 'Package.InvalidStatus');
  });
});
