import { describe, expect, it } from 'vitest';
import { providerFixtureJson } from '../../../test/support/provider-fixtures.js';
import type { SendParticipant, SendRequest } from '../provider.js';
import { partyIdsFor, processUpdate, toSnapshot } from './mapping.js';
import { readProcess } from './schemas.js';
import type { AutentiParty, AutentiProcess } from './types.js';
import { NOTHING_ASKED } from '../../../test/support/send-participants.js';

const fixture = <T>(name: string): T => providerFixtureJson<T>('autenti', name);

const participant = (overrides: Partial<SendParticipant>): SendParticipant => ({
  id: 'par_1',
  firstName: 'Marcin',
  lastName: 'Niegodziwy',
  email: 'marcin.niegodziwy@fake.autenti.com',
  step: 1,
  ...NOTHING_ASKED,
  ...overrides,
});

const request = (participants: SendParticipant[]): SendRequest => ({
  envelopeId: 'env_1',
  title: 'Boat rental agreement',
  message: 'A boat rental agreement, between Marcin Niegodziwy of Eveil Empire and SunSails Co.',
  language: 'pl',
  expiresAt: null,
  externalRef: null,
  callbackUrl: null,
  documents: [],
  participants,
});

const party = (overrides: Partial<AutentiParty> & { email: string; priority?: number }): AutentiParty => ({
  party: { id: `PARTY:${overrides.email}`, contacts: [{ type: 'CONTACT-TYPE:EMAIL', attributes: { email: overrides.email } }] },
  role: 'SIGNER',
  participationStatus: 'PENDING',
  constraints:
    overrides.priority === undefined
      ? []
      : [{ classifiers: ['CONSTRAINT-UNIQUE_TYPE:PARTICIPATION_PRIORITY'], attributes: { priority: overrides.priority } }],
  ...overrides,
});

describe('toSnapshot', () => {
  it('maps the seed\'s document process ("Key concepts and entities")', () => {
    const snapshot = toSnapshot(readProcess(fixture('document-process.example.json'), 'the seed example'));
    expect(snapshot.reference).toBe('DOCUMENT_PROCESS:ac842283-afd4-4e26-9873-2bf35bd89b42');
    expect(snapshot.detail).toBe('full');
    expect(snapshot.status).toEqual({ unified: 'sent', raw: { status: 'PROCESSING' } });
    expect(snapshot.modifiedAt).toBe('2020-10-21T15:48:34.863Z');
    // The SENDER party (John Smith again) is the account, not a participant.
    expect(snapshot.participants).toEqual([
      {
        match: { providerReference: 'PARTY-PUBLIC_APPROVAL_PROCESS_ID:4060e833', email: 'mark.wazowski@acme.com', role: 'approver', step: 1 },
        status: { unified: 'completed', raw: { participationStatus: 'COMPLETED', role: 'APPROVER', priority: 1 } },
        timestamps: { viewedAt: '2020-07-18T19:16:40.997Z', completedAt: '2020-10-21T15:48:34.863Z' },
      },
      {
        match: { providerReference: 'PARTY-PUBLIC_SIGNING_PROCESS_ID:4060e833', email: 'john.smith@acme.com', role: 'signer', step: 2 },
        status: { unified: 'completed', raw: { participationStatus: 'COMPLETED', role: 'SIGNER', priority: 2 } },
        timestamps: { viewedAt: '2020-06-18T19:16:40.997Z', completedAt: '2020-10-21T15:48:34.863Z' },
      },
      {
        // Priorities 1 and 2 completed: it is Maurice's turn.
        match: { providerReference: 'PARTY-PUBLIC_SIGNING_PROCESS_ID:bdb551b2', email: 'chevallier1981@gmail.com', role: 'signer', step: 3 },
        status: { unified: 'notified', raw: { participationStatus: 'PENDING', role: 'SIGNER', priority: 3 } },
        timestamps: {},
      },
    ]);
  });

  it('puts a party behind an open lower priority in waiting, and equal priorities in parallel', () => {
    const snapshot = toSnapshot({
      id: 'DOCUMENT_PROCESS:1',
      status: 'PROCESSING',
      parties: [
        party({ email: 'a@x.test', priority: 1 }),
        party({ email: 'b@x.test', priority: 1, events: [{ eventType: 'VIEWING', timestamp: '2026-01-01T10:00:00.000Z' }] }),
        party({ email: 'c@x.test', priority: 2 }),
      ],
    });
    expect(snapshot.participants.map((p) => [p.match.email, p.status.unified, p.timestamps.viewedAt])).toEqual([
      ['a@x.test', 'notified', undefined],
      ['b@x.test', 'viewed', '2026-01-01T10:00:00.000Z'],
      ['c@x.test', 'waiting', undefined],
    ]);
  });

  it('keeps a rejection reason from the event comment and gives the envelope the reason', () => {
    const snapshot = toSnapshot({
      id: 'DOCUMENT_PROCESS:1',
      status: 'REJECTED',
      parties: [
        party({
          email: 'a@x.test',
          priority: 1,
          participationStatus: 'REJECTED',
          events: [{ eventType: 'REJECTION', timestamp: '2026-01-02T10:00:00.000Z', attributes: { comment: 'The document is not as agreed before' } }],
        }),
      ],
    });
    expect(snapshot.status.unified).toBe('rejected');
    expect(snapshot.reason).toBe('The document is not as agreed before');
    expect(snapshot.participants[0]).toMatchObject({
      status: { unified: 'rejected' },
      rejectionReason: 'The document is not as agreed before',
      timestamps: { rejectedAt: '2026-01-02T10:00:00.000Z' },
    });
  });

  it('keeps unknown statuses raw with unified null, and reports nobody invited in a draft', () => {
    const unknown = toSnapshot({ id: 'DOCUMENT_PROCESS:1', status: 'ARCHIVED', parties: [party({ email: 'a@x.test', participationStatus: 'DELEGATED' })] });
    expect(unknown.status).toEqual({ unified: null, raw: { status: 'ARCHIVED' } });
    expect(unknown.participants[0]!.status).toEqual({ unified: null, raw: { participationStatus: 'DELEGATED', role: 'SIGNER', priority: null } });
    const draft = toSnapshot({ id: 'DOCUMENT_PROCESS:2', status: 'DRAFT', parties: [party({ email: 'a@x.test', priority: 1 })] });
    expect(draft.status.unified).toBe('draft');
    expect(draft.participants[0]!.status.unified).toBeNull();
  });

  it('leaves the role out of the match for VIEWER, which stands for viewer and receiver', () => {
    const snapshot = toSnapshot({ id: 'DOCUMENT_PROCESS:1', status: 'PROCESSING', parties: [party({ email: 'V@X.test', role: 'VIEWER', priority: 2 })] });
    expect(snapshot.participants[0]!.match).toEqual({ providerReference: 'PARTY:V@X.test', email: 'v@x.test', step: 2 });
  });
});

describe('processUpdate', () => {
  it('writes parties in the shape of the seed\'s PUT and PATCH examples', () => {
    type SeedBody = { title: string; parties: Array<{ party: Record<string, unknown>; role: string; constraints: unknown[] }> };
    // The PUT example has one signer; the PATCH example has the three parties with priorities and OTP.
    const put = fixture<SeedBody>('put-document-process.request.json');
    const seed = fixture<SeedBody>('patch-document-process.request.json');
    const body = processUpdate(
      request([
        participant({ step: 3 }),
        participant({ id: 'par_2', firstName: 'Marcin', lastName: 'Nikczemny', email: 'marcin.nikczemny@fake.autenti.com', role: 'approver', step: 1 }),
        participant({
          id: 'par_3',
          firstName: 'Marcin',
          lastName: 'Szubrawy',
          email: 'marcin.szubrawy@fake.autenti.com',
          role: 'viewer',
          step: 2,
          phone: '+48722722722',
          authentication: [{ method: 'sms' }],
        }),
      ]),
    );
    expect(body.title).toBe(put.title);
    expect(body.processLanguage).toBe('pl');
    const [signer, approver, viewer] = body.parties;
    expect(signer!.party).toEqual({ firstName: 'Marcin', lastName: 'Niegodziwy', name: 'Marcin Niegodziwy', email: 'marcin.niegodziwy@fake.autenti.com' });
    expect(signer!.role).toBe(seed.parties[0]!.role);
    // Every field of the written party is one the seed's PUT example writes.
    expect(Object.keys(put.parties[0]!.party)).toEqual(expect.arrayContaining(Object.keys(signer!.party)));
    expect(signer!.constraints).toEqual(expect.arrayContaining(put.parties[0]!.constraints));
    // The seed's signer constraints: SIGNATURE_TYPE BASIC (null level) and PARTICIPATION_PRIORITY 3, in any order.
    expect(signer!.constraints).toEqual(expect.arrayContaining(seed.parties[0]!.constraints));
    expect(signer!.constraints).toHaveLength(2);
    expect(approver!.role).toBe('APPROVER');
    expect(approver!.constraints).toEqual(seed.parties[1]!.constraints);
    expect(viewer!.role).toBe('VIEWER');
    // The seed's OTP + PHONE_NUMBER constraints, verbatim, after the priority.
    expect(viewer!.constraints.slice(1)).toEqual(seed.parties[2]!.constraints);
  });

  it('places each signature box as a VISUALISATION constraint on the uploaded file, in PDF points from the top-left', () => {
    const box = { type: 'signature' as const, documentId: 'doc_2', page: 2, left: 72, top: 700, width: 165, height: 37 };
    const body = processUpdate(request([participant({ fields: [box, { ...box, page: 3 }] })]), { doc_1: 'FILE-SOURCE_FILE:1', doc_2: 'FILE-SOURCE_FILE:2' });
    const visualisations = body.parties[0]!.constraints.filter((constraint) => constraint.classifiers?.includes('CONSTRAINT-UNIQUE_TYPE:VISUALISATION'));
    expect(visualisations).toEqual([
      {
        classifiers: ['CONSTRAINT-UNIQUE_TYPE:VISUALISATION'],
        constrainedActions: ['ACTION:SIGNATURE_APPLICATION'],
        attributes: { fileId: 'FILE-SOURCE_FILE:2', page: 2, x: 72, y: 700, width: 165, height: 37 },
      },
      {
        classifiers: ['CONSTRAINT-UNIQUE_TYPE:VISUALISATION'],
        constrainedActions: ['ACTION:SIGNATURE_APPLICATION'],
        attributes: { fileId: 'FILE-SOURCE_FILE:2', page: 3, x: 72, y: 700, width: 165, height: 37 },
      },
    ]);
    // A box without its file's id is a bug in send.ts, never placed on a guessed file.
    expect(() => processUpdate(request([participant({ fields: [box] })]), {})).toThrow(/No Autenti file id for document doc_2/);
  });

  it('sends receivers as VIEWER and signature levels as SIGNATURE_TYPE classifiers', () => {
    const body = processUpdate(request([participant({ role: 'receiver', email: 'copy@acme.com' }), participant({ signatureLevel: 'qualified' })]));
    expect(body.parties[0]!.role).toBe('VIEWER');
    expect(body.parties[0]!.constraints).toHaveLength(1);
    expect(body.parties[1]!.constraints[1]).toEqual({
      classifiers: ['CONSTRAINT-UNIQUE_TYPE:SIGNATURE_TYPE'],
      attributes: { requiredClassifiers: ['SIGNATURE_PROVIDER-SIGNATURE_TYPE:QUALIFIED'] },
    });
  });

  it('sends a person who signs and receives once, as the signer with their SMS code', () => {
    const body = processUpdate(
      request([
        participant({ id: 'p_sign', phone: '+48722722722', authentication: [{ method: 'sms' }], signatureLevel: 'advanced' }),
        participant({ id: 'p_copy', role: 'receiver', step: 2 }),
      ]),
    );
    expect(body.parties.map((party) => party.role)).toEqual(['SIGNER']);
    expect(body.parties[0]!.constraints.flatMap((constraint) => constraint.classifiers)).toEqual([
      'CONSTRAINT-UNIQUE_TYPE:PARTICIPATION_PRIORITY',
      'CONSTRAINT-UNIQUE_TYPE:SIGNATURE_TYPE',
      'CONSTRAINT-UNIQUE_TYPE:DOCUMENT_ACCESS_OTP_AUTHORIZATION',
      'CONSTRAINT-UNIQUE_TYPE:PHONE_NUMBER',
    ]);
  });
});

describe('partyIdsFor', () => {
  it('gives a folded receiver no party id, so the signer’s statuses are never applied to it', () => {
    const process = fixture<AutentiProcess>('document-process.example.json');
    const links = partyIdsFor(
      request([
        participant({ id: 'p_john', email: 'john.smith@acme.com', role: 'signer', step: 2 }),
        participant({ id: 'p_john_copy', email: 'john.smith@acme.com', role: 'receiver', step: 3 }),
      ]),
      process,
    );
    expect(links).toEqual([{ participantId: 'p_john', providerReference: 'PARTY-PUBLIC_SIGNING_PROCESS_ID:4060e833' }, { participantId: 'p_john_copy' }]);
  });

  it('links participants to parties by email, role and step; the same person twice gets both ids', () => {
    const process = fixture<AutentiProcess>('document-process.example.json');
    const links = partyIdsFor(
      request([
        participant({ id: 'p_mark', email: 'Mark.Wazowski@acme.com', role: 'approver', step: 1 }),
        participant({ id: 'p_john', email: 'john.smith@acme.com', role: 'signer', step: 2 }),
        participant({ id: 'p_maurice', email: 'chevallier1981@gmail.com', role: 'signer', step: 3 }),
        participant({ id: 'p_nobody', email: 'nobody@acme.com' }),
      ]),
      process,
    );
    expect(links).toEqual([
      { participantId: 'p_mark', providerReference: 'PARTY-PUBLIC_APPROVAL_PROCESS_ID:4060e833' },
      { participantId: 'p_john', providerReference: 'PARTY-PUBLIC_SIGNING_PROCESS_ID:4060e833' },
      { participantId: 'p_maurice', providerReference: 'PARTY-PUBLIC_SIGNING_PROCESS_ID:bdb551b2' },
      { participantId: 'p_nobody' },
    ]);
  });
});
