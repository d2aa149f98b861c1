import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddedDocument,
  CreatedPackage,
  ErrorResponse,
  PackageList,
  PackageStatusAnswer,
  SigningLocations,
  schemaViolation,
} from './test-reference-schemas.js';
import { control, createApiClient, samplePdf, startTestSandbox, type ApiClient, type RunningSandbox } from './test-helpers.js';

/**
 * Replays the 19 operations of Connective's own connector definition (the reference in
 * ../shared/references/connective-power-automate/) against the sandbox over real HTTP, with bodies
 * shaped as that definition describes them (numbers as strings, `RedirectURL`, `SigningTypes`…), and
 * checks every answer against the response schemas the connector reads (test-reference-schemas.ts), and
 * every refusal against `ErrorHandlingResponse`.
 */

let sandbox: RunningSandbox;
let client: ApiClient;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createApiClient(sandbox, 'Power Automate');
});
afterAll(async () => sandbox?.close());

function expectConforms(schema: Parameters<typeof schemaViolation>[0], value: unknown): void {
  expect(schemaViolation(schema, value), JSON.stringify(value).slice(0, 400)).toBeNull();
}

async function expectRefusal(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expectConforms(ErrorResponse, await response.json());
}

describe("Connective's connector definition, operation by operation", () => {
  let packageId = '';
  let documentId = '';
  let locationIds: string[] = [];

  it('CreatePackage answers 201 {PackageId, CreationTimestamp}', async () => {
    const response = await client.call('POST', 'packages', { PackageName: 'Contracts Mr. Doe', Initiator: 'info@mail.example', DocumentGroupCode: '00001', ExternalPackageReference: '2019-CR-5891', CorrelationId: 'pkg-corr' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { PackageId: string };
    expectConforms(CreatedPackage, body);
    packageId = body.PackageId;
  });

  it('AddDocumentToPackage answers {DocumentId, CreationTimestamp, Locations}; a refusal is an ErrorHandlingResponse', async () => {
    const pdf = await samplePdf('Contract', { pages: 2 });
    const response = await client.call('POST', `packages/${packageId}/documents`, {
      Document: pdf.toString('base64'),
      DocumentLanguage: 'en',
      DocumentName: 'Contract',
      DocumentType: 'application/pdf',
      ExternalDocumentReference: 'INV-2019-04-23-0037',
      CorrelationId: 'doc-corr',
      SigningFields: [
        { PageNumber: 1, Width: '180', Height: '60', Left: '60', Top: '600' },
        { PageNumber: 2, Width: '180', Height: '60', Left: '300', Top: '600' },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { DocumentId: string; Locations: Array<{ Id: string }> };
    expectConforms(AddedDocument, body);
    documentId = body.DocumentId;
    locationIds = body.Locations.map((location) => location.Id);
    await expectRefusal(await client.call('POST', `packages/${packageId}/documents`, { DocumentName: 'x' }), 400);
    await expectRefusal(await client.call('POST', 'packages/no-such-package/documents', { DocumentName: 'x', Document: 'JVBERi0=' }), 404);
  });

  it('GetSigningLocations answers {Documents: [{DocumentId, ExternalDocumentReference, Locations}]}', async () => {
    const response = await client.call('GET', `packages/${packageId}/locations`);
    expect(response.status).toBe(200);
    expectConforms(SigningLocations, await response.json());
    await expectRefusal(await client.call('GET', 'packages/no-such-package/locations'), 404);
  });

  it('SetProcessInformation answers 200 with the definition example shape (OrderIndex as string, RedirectURL, SigningTypes)', async () => {
    const response = await client.call('PUT', `packages/${packageId}/process`, {
      Stakeholders: [
        {
          FirstName: 'John',
          LastName: 'Doe',
          EmailAddress: 'john.doe@example.org',
          Language: 'en',
          BirthDate: '1972-09-24',
          ExternalStakeholderReference: 'C0004105',
          Actors: [{ Type: 'Signer', OrderIndex: '1', LocationIds: [locationIds[0]], SigningTypes: [{ SigningType: 'manual' }], SendNotifications: true, RedirectURL: 'https://www.mycompany.example' }],
        },
        { FirstName: 'Jane', LastName: 'Roe', EmailAddress: 'jane.roe@example.org', Actors: [{ Type: 'Signer', OrderIndex: '2', LocationIds: [locationIds[1]] }] },
      ],
    });
    expect(response.status).toBe(200);
    await expectRefusal(await client.call('PUT', `packages/${packageId}/process`, { Stakeholders: [] }), 400);
  });

  it('SetPackageStatus answers the PackageStatus definition; an impossible change is 409', async () => {
    const response = await client.call('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { PackageStatus: string };
    expectConforms(PackageStatusAnswer, body);
    expect(body.PackageStatus).toBe('Pending');
    await expectRefusal(await client.call('PUT', `packages/${packageId}/status`, { Status: 'Pending' }), 409);
  });

  it('GetPackageStatus answers the PackageStatus definition', async () => {
    const response = await client.call('GET', `packages/${packageId}/status`);
    expect(response.status).toBe(200);
    expectConforms(PackageStatusAnswer, await response.json());
    await expectRefusal(await client.call('GET', 'packages/no-such-package/status'), 404);
  });

  it('PackageList answers {ContinuationToken, MaxQuantity, Total, Items: [Package]}; a bad query is 400', async () => {
    const response = await client.call('GET', 'packages?MaxQuantity=2&SortOrder=ASC');
    expect(response.status).toBe(200);
    expectConforms(PackageList, await response.json());
    await expectRefusal(await client.call('GET', 'packages?MaxQuantity=0'), 400);
  });

  it('SendPackageReminders and ExpiryTimeStamp answer 200; a past expiry is 400', async () => {
    expect((await client.call('POST', `packages/${packageId}/reminders`)).status).toBe(200);
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await client.call('PUT', `packages/${packageId}/expirytimestamp`, { ExpiryTimestamp: future })).status).toBe(200);
    await expectRefusal(await client.call('PUT', `packages/${packageId}/expirytimestamp`, { ExpiryTimestamp: '2000-01-01T00:00:00Z' }), 400);
  });

  it('ProofExternalSource answers 204', async () => {
    const response = await client.call('POST', `packages/${packageId}/auditproof/proofs`, { Content: 'external-proof', LocationId: locationIds[0], Name: 'Video call', Type: 'video', Description: 'Identity checked by video', IpAddress: '203.0.113.1' });
    expect(response.status).toBe(204);
    await expectRefusal(await client.call('POST', `packages/${packageId}/auditproof/proofs`, { Name: 'no content' }), 400);
  });

  it('PackageAuditProof is 409 before the package is Finished', async () => {
    await expectRefusal(await client.call('GET', `packages/${packageId}/auditproof/download`), 409);
  });

  it('SkipSigners answers 200 and finishes the package (after one signer signed)', async () => {
    expect((await control(sandbox, 'POST', `packages/${packageId}/actors/john.doe@example.org/actions`, { action: 'sign' })).status).toBe(200);
    expect((await client.call('POST', `packages/${packageId}/skipsigners`)).status).toBe(200);
    await expectRefusal(await client.call('POST', `packages/${packageId}/skipsigners`), 409);
  });

  it('DownloadPackage answers a ZIP and DownloadDocumentFromPackage a PDF', async () => {
    const zip = await client.call('GET', `packages/${packageId}/download`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await zip.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const pdf = await client.call('GET', `packages/${packageId}/download/${documentId}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectRefusal(await client.call('GET', `packages/${packageId}/download/no-such-document`), 404);
  });

  it('the four audit proof downloads answer XML', async () => {
    for (const path of [
      `packages/${packageId}/auditproof/download`,
      `packages/${packageId}/auditproof/download/${documentId}`,
      'packagecorrelations/pkg-corr/auditproof/download',
      'documentcorrelations/doc-corr/auditproof/download',
    ]) {
      const response = await client.call('GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
      expect(await response.text()).toMatch(/^<\?xml/);
    }
    await expectRefusal(await client.call('GET', 'packagecorrelations/unknown/auditproof/download'), 404);
  });

  it('CreateInstantPackage answers {PackageId, CreationTimestamp} (and the package, Pending)', async () => {
    const pdf = await samplePdf('Instant');
    const response = await client.call('POST', 'packages/instant', {
      Document: pdf.toString('base64'),
      DocumentLanguage: 'en',
      DocumentName: 'instant package',
      Initiator: 'john.smith@mail.example',
      ExternalPackageReference: 'reference',
      Stakeholders: [
        { EmailAddress: 'john.smith@mail.example', FirstName: 'John', LastName: 'Smith', ExternalStakeholderReference: 'stakeref', Actors: [{ Type: 'Signer', OrderIndex: 1, SigningFields: [{ PageNumber: 1, Width: '180', Height: '60', Left: '60', Top: '600' }], SendNotifications: true }] },
      ],
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expectConforms(CreatedPackage, body);
    expectConforms(PackageStatusAnswer, body);
  });

  it('DeletePackage answers 200, then the package is 404', async () => {
    expect((await client.call('DELETE', `packages/${packageId}`)).status).toBe(200);
    await expectRefusal(await client.call('DELETE', `packages/${packageId}`), 404);
  });
});
