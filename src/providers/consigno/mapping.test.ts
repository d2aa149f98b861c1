import { describe, expect, it } from 'vitest';
import { participantNamed } from '../../../test/support/send-participants.js';
import type { SendRequest } from '../provider.js';
import { amrOf, defaultZone, toSnapshot, workflowBody } from './mapping.js';
import type { ConsignoWorkflow } from './schemas.js';

const documents = (count: number): SendRequest['documents'] =>
  Array.from({ length: count }, (_, index) => ({
    id: `doc_${index + 1}`,
    filename: `doc-${index + 1}.pdf`,
    mediaType: 'application/pdf',
    size: 10,
    sha256: '0'.repeat(64),
    open: async () => {
      throw new Error('not read by the mapping');
    },
  }));

function request(overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    envelopeId: 'env_1',
    title: 'Lease',
    message: null,
    language: 'fr',
    expiresAt: null,
    externalRef: null,
    callbackUrl: null,
    documents: documents(2),
    participants: [participantNamed('par_1')],
    ...overrides,
  };
}

const ids = { doc_1: 'a'.repeat(24), doc_2: 'b'.repeat(24) };

describe('ConsignO mapping: envelope → workflow', () => {
  it('creates and launches with the documents by id, one action per signer and approver, steps and languages', () => {
    const body = workflowBody(
      request({
        expiresAt: '2026-12-31T12:00:00.000Z',
        callbackUrl: 'https://countersign.example.com/api/v1/callbacks/con_1/secret',
        participants: [
          participantNamed('par_1', { step: 1, language: 'en', phone: '+15145550100', authentication: [{ method: 'sms' }] }),
          participantNamed('par_2', { step: 2, role: 'approver', authentication: [{ method: 'secret', question: 'City?', answer: 'Montréal' }] }),
          participantNamed('par_3', { step: 3, role: 'receiver' }),
        ],
      }),
      ids,
      { doc_1: 4, doc_2: 1 },
    );
    expect(body).toMatchObject({
      name: 'Lease',
      status: 1,
      expiresOn: Date.parse('2026-12-31T12:00:00.000Z'),
      webhooks: [{ url: 'https://countersign.example.com/api/v1/callbacks/con_1/secret' }],
      notifications: [{ contact: { firstName: 'Ann', lastName: 'par_3', email: 'par_3@example.test', lang: 'fr' } }],
    });
    expect(body.documents.map((document) => document.documentId)).toEqual([ids.doc_1, ids.doc_2]);
    expect(body.actions).toEqual([
      {
        mode: 'remote',
        step: 1,
        ref: 'par_1',
        signer: { type: 'esig', firstName: 'Ann', lastName: 'par_1', email: 'par_1@example.test', phone: '+15145550100', amr: ['link', 'sms'], lang: 'en', ref: 'par_1' },
      },
      {
        mode: 'remote',
        step: 2,
        ref: 'par_2',
        signer: { type: 'approver', firstName: 'Ann', lastName: 'par_2', email: 'par_2@example.test', amr: ['link', 'secret'], lang: 'fr', ref: 'par_2', secretQuestion: 'City?', secretAnswer: 'Montréal' },
      },
    ]);
  });

  it('sends boxes as fields and anchors as anchors, one per page asked, assigned to the participant', () => {
    const body = workflowBody(
      request({
        participants: [
          participantNamed('par_1', { fields: [{ type: 'signature', documentId: 'doc_2', page: 1, left: 72, top: 600, width: 165, height: 37 }] }),
          participantNamed('par_2', {
            step: 2,
            fields: [
              { type: 'signature', documentId: 'doc_1', anchor: '[[sign-2]]', offsetX: 5, offsetY: -10, pages: [1, 3] },
              { type: 'signature', documentId: 'doc_2', anchor: '[[sign-2]]' },
            ],
          }),
        ],
      }),
      ids,
      { doc_1: 4, doc_2: 1 },
    );
    expect(body.documents).toEqual([
      {
        documentId: ids.doc_1,
        anchors: [
          { tag: '[[sign-2]]', xOffset: 5, yOffset: -10, page: 1, assignedTo: 'par_2' },
          { tag: '[[sign-2]]', xOffset: 5, yOffset: -10, page: 3, assignedTo: 'par_2' },
        ],
      },
      { documentId: ids.doc_2, fields: [{ x: 72, y: 600, width: 165, height: 37, page: 1, assignedTo: 'par_1' }], anchors: [{ tag: '[[sign-2]]', assignedTo: 'par_2' }] },
    ]);
  });

  it('gives each signer without a field a default zone on the last page of the first document, stacked, and none to approvers', () => {
    const body = workflowBody(
      request({
        participants: [
          participantNamed('par_1'),
          participantNamed('par_2', { fields: [{ type: 'signature', documentId: 'doc_2', page: 1, left: 10, top: 10, width: 165, height: 37 }] }),
          participantNamed('par_3', { role: 'approver' }),
          participantNamed('par_4', { step: 2 }),
        ],
      }),
      ids,
      { doc_1: 4, doc_2: 1 },
    );
    expect(body.documents[0]!.fields).toEqual([
      { x: 40, y: 732, width: 165, height: 37, page: 4, assignedTo: 'par_1' },
      { x: 40, y: 687, width: 165, height: 37, page: 4, assignedTo: 'par_4' },
    ]);
    expect(defaultZone(2, 1, 'p')).toMatchObject({ y: 642, page: 1 });
  });

  it('sends embedded participants with their return URL, and always the link in the AMR', () => {
    const body = workflowBody(request({ participants: [participantNamed('par_1', { delivery: { mode: 'embedded', returnUrl: 'https://host.example.com/back?x=1' }, language: null })] }), ids, {});
    expect(body.actions[0]).toMatchObject({ mode: 'embedded', returnUrl: 'https://host.example.com/back?x=1', signer: { lang: 'fr' } });
    expect(amrOf(participantNamed('p', { authentication: [{ method: 'email-link' }, { method: 'call' }] }))).toEqual(['link', 'call']);
  });
});

describe('ConsignO mapping: workflow → snapshot', () => {
  const view = (status: number, actions: ConsignoWorkflow['actions'], extra: Partial<ConsignoWorkflow> = {}): ConsignoWorkflow => ({ id: 'w1', status, actions, ...extra });
  const action = (ref: string, status: string, extra: Record<string, unknown> = {}) => ({
    id: `act_${ref}`,
    step: 1,
    signer: { type: 'esig', email: `${ref.toUpperCase()}@Example.test`, ref },
    status,
    statusDate: 1_780_000_000_000,
    ...extra,
  });

  it('maps workflow and action statuses, with the decline reason and the time', () => {
    const snapshot = toSnapshot('w1', view(5, [action('par_1', 'DECLINED', { declineReason: 'Wrong price' }), action('par_2', 'NOT_STARTED')], { expiresOn: 1_790_000_000_000 }));
    expect(snapshot).toMatchObject({ reference: 'w1', detail: 'full', status: { unified: 'rejected', raw: { status: 5 } }, reason: 'Wrong price', expiresAt: new Date(1_790_000_000_000).toISOString() });
    expect(snapshot.participants[0]).toMatchObject({
      match: { participantId: 'par_1', providerReference: 'act_par_1', email: 'par_1@example.test', role: 'signer', step: 1 },
      status: { unified: 'rejected', raw: { status: 'DECLINED' } },
      rejectionReason: 'Wrong price',
      timestamps: { rejectedAt: new Date(1_780_000_000_000).toISOString() },
    });
    expect(snapshot.participants[1]!.status.unified).toBe('waiting');
  });

  it('reads every workflow status, and keeps one it does not know as raw', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((status) => toSnapshot('w1', view(status, [])).status.unified)).toEqual(['draft', 'sent', 'completed', 'expired', null, 'rejected', 'withdrawn']);
    expect(['STARTED', 'IN_PROGRESS', 'COMPLETED', 'SOMETHING_NEW'].map((status) => toSnapshot('w1', view(1, [action('p', status)])).participants[0]!.status.unified)).toEqual([
      'notified',
      'viewed',
      'completed',
      null,
    ]);
  });

  it('reports a workflow deleted after it ended as that ending, and one deleted in progress as withdrawn', () => {
    const deleted = (actions: ConsignoWorkflow['actions'], extra: Partial<ConsignoWorkflow> = {}) => toSnapshot('w1', view(6, actions, { statusDate: 1_790_000_000_000, ...extra }));
    const signedLast = action('par_2', 'COMPLETED', { statusDate: 1_785_000_000_000 });
    expect(deleted([action('par_1', 'COMPLETED'), signedLast], { notifications: [{ contact: { email: 'copy@example.test' } }] })).toMatchObject({
      status: { unified: 'completed', raw: { status: 6 } },
      completedAt: new Date(1_785_000_000_000).toISOString(),
      participants: [{}, {}, { match: { role: 'receiver' }, status: { unified: 'completed' } }],
    });
    expect(deleted([action('par_1', 'COMPLETED'), action('par_2', 'DECLINED', { declineReason: 'No' })])).toMatchObject({ status: { unified: 'rejected' }, reason: 'No' });
    expect(deleted([action('par_1', 'STARTED')], { expiresOn: 1_789_000_000_000 }).status.unified).toBe('expired');
    expect(deleted([action('par_1', 'COMPLETED'), action('par_2', 'STARTED')], { expiresOn: 1_799_000_000_000 }).status.unified).toBe('withdrawn');
    expect(deleted([]).status.unified).toBe('withdrawn');
  });

  it('reports receivers (notification contacts) waiting until the workflow completes', () => {
    const notifications = [{ contact: { email: 'Copy@Example.test' } }];
    expect(toSnapshot('w1', view(1, [], { notifications })).participants).toEqual([{ match: { email: 'copy@example.test', role: 'receiver' }, status: { unified: 'waiting', raw: { notification: 'pending' } }, timestamps: {} }]);
    expect(toSnapshot('w1', view(2, [], { notifications, statusDate: 1_780_000_000_000 })).participants[0]).toMatchObject({ status: { unified: 'completed' }, timestamps: { completedAt: new Date(1_780_000_000_000).toISOString() } });
  });

  it('gives an embedded signing URL only while it is the participant’s turn', () => {
    const url = 'https://consigno.example.com/sign/abc';
    expect(toSnapshot('w1', view(1, [action('p', 'STARTED', { signingUrl: url })])).participants[0]!.signingUrl).toBe(url);
    expect(toSnapshot('w1', view(1, [action('p', 'COMPLETED', { signingUrl: url })])).participants[0]!.signingUrl).toBeUndefined();
  });
});
