import { describe, expect, it } from 'vitest';
import type { SendParticipant, SendRequest } from '../provider.js';
import { checkConnectiveRequest, createPackageBody, documentDefinition, processBody, sendResultParticipants, toSnapshot, toSummary } from './mapping.js';
import { PackageStatusSchema, readAnswer } from './schemas.js';
import { participantNamed } from '../../../test/support/send-participants.js';

const participant = participantNamed;

function request(participants: SendParticipant[], overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    envelopeId: 'env_1',
    title: 'Lease',
    message: null,
    language: 'nl',
    expiresAt: '2030-01-02T03:04:05+01:00',
    externalRef: null,
    callbackUrl: 'https://app.example/api/v1/callbacks/con_1/secret',
    documents: [
      { id: 'doc_1', filename: 'a.pdf', mediaType: 'application/pdf', size: 1, sha256: '', open: async () => { throw new Error('not read'); } },
      { id: 'doc_2', filename: 'b.pdf', mediaType: 'application/pdf', size: 1, sha256: '', open: async () => { throw new Error('not read'); } },
    ],
    participants,
    ...overrides,
  };
}

/** A Get Package Status answer as Connective writes it: optional fields `null`, never absent. */
function statusAnswer(packageStatus: string, stakeholders: Array<{ ref: string | null; email: string; id: string; actors: Array<Record<string, unknown>> }>): unknown {
  return {
    PackageName: 'Lease',
    CreationTimestamp: '2026-11-30T10:00:00Z',
    Initiator: null,
    ExpiryTimestamp: null,
    ExternalPackageReference: 'env_1',
    F2FSigningUrl: null,
    PackageStatus: packageStatus,
    PackageDocuments: [{ DocumentId: 'd1', ExternalDocumentReference: 'doc_1', DocumentName: 'a.pdf', DocumentType: 'application/pdf' }],
    Stakeholders: stakeholders.map((stakeholder) => ({
      Type: 'Person',
      PersonGroupName: null,
      ContactGroupCode: null,
      EmailAddress: stakeholder.email,
      ExternalStakeholderReference: stakeholder.ref,
      StakeholderId: stakeholder.id,
      Actors: stakeholder.actors.map((actor) => ({ ActionUrl: null, ActionUrls: [], CompletedBy: null, CompletedTimestamp: null, Reason: null, Locations: [], ...actor })),
    })),
  };
}

const read = (answer: unknown) => readAnswer(PackageStatusSchema, answer, 'reading package p1', 'a package');

describe('requests', () => {
  it('creates the package with the title, our envelope id, the expiry in UTC, the callback URL, and the initiator only when the connection has one', () => {
    const sent = request([participant('par_1')]);
    expect(createPackageBody(sent, undefined)).toEqual({
      PackageName: 'Lease',
      CallBackUrl: 'https://app.example/api/v1/callbacks/con_1/secret',
      ExpiryTimestamp: '2030-01-02T02:04:05.000Z',
      ExternalPackageReference: 'env_1',
    });
    expect(createPackageBody(request([], { expiresAt: null, callbackUrl: null }), 'boss@example.test')).toEqual({ PackageName: 'Lease', Initiator: 'boss@example.test', ExternalPackageReference: 'env_1' });
  });

  it('defines each document with its own fields in participant order, boxes and anchors labelled <participantId>#<n>', () => {
    const sent = request([
      participant('par_1', { fields: [{ type: 'signature', documentId: 'doc_2', anchor: '#sign-here' }, { type: 'signature', documentId: 'doc_1', page: 2, left: 10, top: 20, width: 150, height: 40 }] }),
      participant('par_2', { fields: [{ type: 'signature', documentId: 'doc_2', page: 1, left: 72, top: 600, width: 165, height: 37 }] }),
    ]);
    expect(documentDefinition(sent, sent.documents[0]!)).toEqual({
      DocumentName: 'a.pdf',
      DocumentLanguage: 'nl',
      DocumentType: 'application/pdf',
      ExternalDocumentReference: 'doc_1',
      SigningFields: [{ PageNumber: 2, Left: 10, Top: 20, Width: 150, Height: 40, Label: 'par_1#2' }],
    });
    expect(documentDefinition(sent, sent.documents[1]!).SigningFields).toEqual([
      { MarkerOrFieldId: '#sign-here', Label: 'par_1#1' },
      { PageNumber: 1, Left: 72, Top: 600, Width: 165, Height: 37, Label: 'par_2#1' },
    ]);
  });

  it('sets the process: one stakeholder per person with one actor per role, OrderIndex = step, location ids, SMS and embedded options', () => {
    const sent = request([
      participant('par_1', { role: 'approver', step: 1, email: 'Ann@Example.test' }),
      participant('par_2', { step: 2, phone: '+32470000000', authentication: [{ method: 'sms' }], fields: [{ type: 'signature', documentId: 'doc_1', anchor: '#b' }] }),
      participant('par_3', { step: 2, email: 'ann@example.test', delivery: { mode: 'embedded', returnUrl: 'https://host.example/done' }, fields: [{ type: 'signature', documentId: 'doc_1', anchor: '#a' }] }),
      participant('par_4', { role: 'receiver', step: 3, language: 'fr' }),
    ]);
    expect(processBody(sent, { 'par_2#1': 'loc-b', 'par_3#1': 'loc-a' })).toEqual({
      Stakeholders: [
        {
          Type: 'Person',
          EmailAddress: 'Ann@Example.test',
          FirstName: 'Ann',
          LastName: 'par_1',
          Language: 'nl',
          ExternalStakeholderReference: 'par_1,par_3',
          Actors: [
            { Type: 'Approver', OrderIndex: 1 },
            { Type: 'Signer', OrderIndex: 2, LocationIds: ['loc-a'], SendNotifications: false, RedirectURL: 'https://host.example/done' },
          ],
        },
        {
          Type: 'Person',
          EmailAddress: 'par_2@example.test',
          FirstName: 'Ann',
          LastName: 'par_2',
          Language: 'nl',
          ExternalStakeholderReference: 'par_2',
          Actors: [{ Type: 'Signer', OrderIndex: 2, LocationIds: ['loc-b'], Phonenumber: '+32470000000', SigningTypes: [{ SigningType: 'SmsOtp' }] }],
        },
        { Type: 'Person', EmailAddress: 'par_4@example.test', FirstName: 'Ann', LastName: 'par_4', Language: 'fr', ExternalStakeholderReference: 'par_4', Actors: [{ Type: 'Receiver', OrderIndex: 3 }] },
      ],
    });
  });

  it('refuses, before any call, a signer without a field beside others with one, naming the fix', () => {
    const partly = request([participant('par_1', { fields: [{ type: 'signature', documentId: 'doc_1', anchor: '#s' }] }), participant('par_2')]);
    expect(() => checkConnectiveRequest(partly)).toThrow(/participants\[1\] \(par_2@example.test\) signs but has no signature field/);
    // Without any field Connective places the signatures itself; receivers never need one.
    expect(() => checkConnectiveRequest(request([participant('par_1'), participant('par_2')]))).not.toThrow();
    expect(() => checkConnectiveRequest(request([participant('par_1', { fields: partly.participants[0]!.fields }), participant('par_2', { role: 'receiver' })]))).not.toThrow();
  });
});

describe('snapshots', () => {
  it('maps every package status, keeping the raw one; an unknown one is unified null', () => {
    const cases: Array<[string, string | null]> = [
      ['Draft', 'draft'],
      ['Pending', 'sent'],
      ['Finished', 'completed'],
      ['Rejected', 'rejected'],
      ['Revoked', 'withdrawn'],
      ['Expired', 'expired'],
      ['Failed', 'failed'],
      ['Archived', null],
    ];
    for (const [raw, unified] of cases) {
      expect(toSnapshot('p1', read(statusAnswer(raw, []))).status).toEqual({ unified, raw: { PackageStatus: raw } });
      expect(toSummary({ Id: 'p1', PackageStatus: raw })).toEqual({ reference: 'p1', detail: 'summary', status: { unified, raw: { PackageStatus: raw } }, participants: [] });
    }
  });

  it('maps actors to participants matched by our reference, with statuses, reasons, timestamps and the link of one whose turn it is', () => {
    const snapshot = toSnapshot(
      'p1',
      read(
        statusAnswer('Rejected', [
          {
            ref: 'par_1,par_3',
            email: 'Ann@Example.test',
            id: 's1',
            actors: [
              { ActorId: 'a1', Type: 'Approver', ActorStatus: 'Finished', CompletedTimestamp: '2026-11-30T11:00:00Z' },
              { ActorId: 'a3', Type: 'Signer', ActorStatus: 'Rejected', CompletedTimestamp: '2026-11-30T12:00:00Z', Reason: ' Wrong price ' },
            ],
          },
          { ref: 'par_2', email: 'bob@example.test', id: 's2', actors: [{ ActorId: 'a2', Type: 'Signer', ActorStatus: 'Available', ActionUrl: 'https://sign.example/a2' }] },
          { ref: null, email: 'carl@example.test', id: 's4', actors: [{ ActorId: 'a4', Type: 'Receiver', ActorStatus: 'Waiting' }, { ActorId: 'a5', ActorStatus: 'Skipped' }, { ActorId: 'a6', ActorStatus: 'Draft' }] },
        ]),
      ),
    );
    expect(snapshot.reason).toBe('Wrong price');
    expect(snapshot.participants).toEqual([
      { match: { participantId: 'par_1', providerReference: 's1/a1', email: 'ann@example.test', role: 'approver' }, status: { unified: 'completed', raw: { ActorStatus: 'Finished', Type: 'Approver' } }, timestamps: { completedAt: '2026-11-30T11:00:00Z' } },
      {
        match: { participantId: 'par_3', providerReference: 's1/a3', email: 'ann@example.test', role: 'signer' },
        status: { unified: 'rejected', raw: { ActorStatus: 'Rejected', Type: 'Signer' } },
        rejectionReason: 'Wrong price',
        timestamps: { rejectedAt: '2026-11-30T12:00:00Z' },
      },
      // The package is not Pending any more: no link is offered.
      { match: { participantId: 'par_2', providerReference: 's2/a2', email: 'bob@example.test', role: 'signer' }, status: { unified: 'notified', raw: { ActorStatus: 'Available', Type: 'Signer' } }, timestamps: {} },
      { match: { providerReference: 's4/a4', email: 'carl@example.test', role: 'receiver' }, status: { unified: 'waiting', raw: { ActorStatus: 'Waiting', Type: 'Receiver' } }, timestamps: {} },
      { match: { providerReference: 's4/a5', email: 'carl@example.test' }, status: { unified: 'skipped', raw: { ActorStatus: 'Skipped', Type: null } }, timestamps: {} },
      { match: { providerReference: 's4/a6', email: 'carl@example.test' }, status: { unified: null, raw: { ActorStatus: 'Draft', Type: null } }, timestamps: {} },
    ]);
  });

  it('gives the link of an Available actor of a Pending package, and the latest completion as the package\'s', () => {
    const pending = toSnapshot('p1', read(statusAnswer('Pending', [{ ref: 'par_2', email: 'bob@example.test', id: 's2', actors: [{ ActorId: 'a2', Type: 'Signer', ActorStatus: 'Available', ActionUrl: 'https://sign.example/a2' }] }])));
    expect(pending.participants[0]!.signingUrl).toBe('https://sign.example/a2');
    const done = toSnapshot(
      'p1',
      read(
        statusAnswer('Finished', [
          { ref: 'par_1', email: 'a@example.test', id: 's1', actors: [{ ActorId: 'a1', Type: 'Signer', ActorStatus: 'Finished', CompletedTimestamp: '2026-11-30T12:00:00Z' }] },
          { ref: 'par_2', email: 'b@example.test', id: 's2', actors: [{ ActorId: 'a2', Type: 'Signer', ActorStatus: 'Finished', CompletedTimestamp: '2026-11-30T13:00:00Z' }] },
        ]),
      ),
    );
    expect(done.completedAt).toBe('2026-11-30T13:00:00Z');
  });

  it('links each sent participant to its actor, with the ActionUrl for embedded ones only', () => {
    const sent = request([participant('par_1', { delivery: { mode: 'embedded', returnUrl: 'https://host.example/back' } }), participant('par_2', { step: 2 })]);
    const pkg = read(
      statusAnswer('Pending', [
        { ref: 'par_1', email: 'par_1@example.test', id: 's1', actors: [{ ActorId: 'a1', Type: 'Signer', ActorStatus: 'Available', ActionUrl: 'https://sign.example/a1' }] },
        { ref: 'par_2', email: 'par_2@example.test', id: 's2', actors: [{ ActorId: 'a2', Type: 'Signer', ActorStatus: 'Waiting' }] },
      ]),
    );
    expect(sendResultParticipants(sent, pkg)).toEqual([
      { participantId: 'par_1', providerReference: 's1/a1', signingUrl: 'https://sign.example/a1' },
      { participantId: 'par_2', providerReference: 's2/a2' },
    ]);
  });
});
