import type { SendParticipant, SendRequest } from '../provider.js';
import type { ParticipantSnapshot, ProviderEnvelopeStatus, ProviderParticipantStatus, ProviderSnapshot } from '../snapshot.js';
import type { ConsignoAction, ConsignoWorkflow } from './schemas.js';

/**
 * Countersign's envelope as a ConsignO Cloud workflow, and back (seed 002 "/workflows"; references
 * README "ConsignO Cloud"; the wire contract of issue 11; docs/providers.md, column "ConsignO").
 */

// ---------------------------------------------------------------------------------------------
// Requests

export type Zone = { readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly page: number; readonly assignedTo: string };
export type Anchor = { readonly tag: string; readonly xOffset?: number; readonly yOffset?: number; readonly page?: number; readonly assignedTo: string };

export type WorkflowDocument = { readonly documentId: string; readonly fields?: readonly Zone[]; readonly anchors?: readonly Anchor[] };

export type WorkflowAction = {
  readonly mode: 'remote' | 'embedded';
  readonly returnUrl?: string;
  readonly step: number;
  readonly ref: string;
  readonly signer: {
    readonly type: 'esig' | 'approver';
    readonly firstName: string;
    readonly lastName: string;
    readonly email: string;
    readonly phone?: string;
    readonly amr: readonly string[];
    readonly lang?: string;
    readonly ref: string;
    readonly secretQuestion?: string;
    readonly secretAnswer?: string;
  };
};

export type WorkflowBody = {
  readonly name: string;
  /** 1: create and launch. */
  readonly status: 1;
  readonly expiresOn?: number;
  readonly documents: readonly WorkflowDocument[];
  readonly actions: readonly WorkflowAction[];
  readonly notifications?: ReadonlyArray<{ readonly contact: { readonly firstName: string; readonly lastName: string; readonly email: string; readonly phone?: string; readonly lang?: string } }>;
  readonly webhooks?: ReadonlyArray<{ readonly url: string }>;
};

/** ConsignO's default zone size (seed 002 "Signature Zones"): 165 × 37 units of 1/72 in. */
export const ZONE_WIDTH = 165;
export const ZONE_HEIGHT = 37;
/** The page height assumed for the default zone: US letter, 792 units (the page size is not known to the adapter). */
export const ASSUMED_PAGE_HEIGHT = 792;

/**
 * Where a signer without a field signs (docs/providers.md "ConsignO: the default zone"): ConsignO
 * needs a zone for every signer before it launches, and the guide's simple flow gives none. On the
 * last page of the first document, 40 units from the left, the box's top edge at
 * y = 792 − 60 − 45·k from the top of the page (`k`: the signer's index among zone-less signers,
 * 0-based), so the boxes stack upwards from the bottom of a letter page without overlapping (37 high,
 * 45 apart). The adapter knows the page count (ConsignO's upload answer) but not the page size, hence
 * letter height; on A4 (842) the boxes sit 50 units higher, still on the page.
 */
export function defaultZone(k: number, lastPage: number, assignedTo: string): Zone {
  return { x: 40, y: ASSUMED_PAGE_HEIGHT - 60 - 45 * k, width: ZONE_WIDTH, height: ZONE_HEIGHT, page: lastPage, assignedTo };
}

/** Participants who are ConsignO actions (signers and approvers); receivers are notifications. */
export const actionParticipants = (request: SendRequest) => request.participants.filter((participant) => participant.role !== 'receiver');

/** The AMR of a participant: `link` always (the invitation), then each second factor asked for. */
export function amrOf(participant: SendParticipant): string[] {
  const amr = ['link'];
  for (const method of participant.authentication) {
    if ((method.method === 'sms' || method.method === 'call' || method.method === 'secret') && !amr.includes(method.method)) amr.push(method.method);
  }
  return amr;
}

function languageOf(participant: SendParticipant | undefined, request: SendRequest): string | undefined {
  const language = (participant?.language ?? request.language)?.toLowerCase();
  return language === 'en' || language === 'fr' ? language : undefined;
}

function actionOf(participant: SendParticipant, request: SendRequest): WorkflowAction {
  const secret = participant.authentication.find((method) => method.method === 'secret');
  const lang = languageOf(participant, request);
  return {
    mode: participant.delivery.mode === 'embedded' ? 'embedded' : 'remote',
    ...(participant.delivery.mode === 'embedded' ? { returnUrl: participant.delivery.returnUrl } : {}),
    step: participant.step,
    ref: participant.id,
    signer: {
      type: participant.role === 'approver' ? 'approver' : 'esig',
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email.trim(),
      ...(participant.phone ? { phone: participant.phone } : {}),
      amr: amrOf(participant),
      ...(lang ? { lang } : {}),
      ref: participant.id,
      ...(secret && secret.method === 'secret' ? { secretQuestion: secret.question, secretAnswer: secret.answer } : {}),
    },
  };
}

/**
 * The zones and anchors of each document, by Countersign document id: boxes as `fields` (units of 1/72
 * in from the top-left, as Countersign's PDF points), anchors as `anchors` (one per page asked, or one
 * searching every page), each `assignedTo` the participant's id (= the action's and signer's `ref`);
 * then the default zone of each signer without a field.
 */
export function zonesByDocument(request: SendRequest, pagesOf: (documentId: string) => number | undefined): Map<string, { fields: Zone[]; anchors: Anchor[] }> {
  const byDocument = new Map(request.documents.map((document) => [document.id, { fields: [] as Zone[], anchors: [] as Anchor[] }]));
  let zoneless = 0;
  for (const participant of actionParticipants(request)) {
    for (const field of participant.fields) {
      const target = byDocument.get(field.documentId);
      if (target === undefined) continue;
      if ('anchor' in field) {
        const offsets = { ...(field.offsetX === undefined ? {} : { xOffset: field.offsetX }), ...(field.offsetY === undefined ? {} : { yOffset: field.offsetY }) };
        const pages = field.pages && field.pages.length > 0 ? field.pages : [undefined];
        for (const page of pages) target.anchors.push({ tag: field.anchor, ...offsets, ...(page === undefined ? {} : { page }), assignedTo: participant.id });
      } else {
        target.fields.push({ x: field.left, y: field.top, width: field.width, height: field.height, page: field.page, assignedTo: participant.id });
      }
    }
    if (participant.role === 'signer' && participant.fields.length === 0 && request.documents.length > 0) {
      const first = request.documents[0]!;
      byDocument.get(first.id)!.fields.push(defaultZone(zoneless, pagesOf(first.id) ?? 1, participant.id));
      zoneless += 1;
    }
  }
  return byDocument;
}

/** `POST /workflows` for the request, its documents already uploaded (`documentIds`: ours → ConsignO's). */
export function workflowBody(request: SendRequest, documentIds: Readonly<Record<string, string>>, pages: Readonly<Record<string, number>>): WorkflowBody {
  const zones = zonesByDocument(request, (id) => pages[id]);
  const receivers = request.participants.filter((participant) => participant.role === 'receiver');
  return {
    name: request.title,
    status: 1,
    ...(request.expiresAt ? { expiresOn: Date.parse(request.expiresAt) } : {}),
    documents: request.documents.map((document) => {
      const { fields, anchors } = zones.get(document.id)!;
      return { documentId: documentIds[document.id]!, ...(fields.length > 0 ? { fields } : {}), ...(anchors.length > 0 ? { anchors } : {}) };
    }),
    actions: actionParticipants(request).map((participant) => actionOf(participant, request)),
    ...(receivers.length > 0
      ? {
          notifications: receivers.map((participant) => {
            const lang = languageOf(participant, request);
            return {
              contact: {
                firstName: participant.firstName,
                lastName: participant.lastName,
                email: participant.email.trim(),
                ...(participant.phone ? { phone: participant.phone } : {}),
                ...(lang ? { lang } : {}),
              },
            };
          }),
        }
      : {}),
    ...(request.callbackUrl ? { webhooks: [{ url: request.callbackUrl }] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Answers

/** Workflow `status` → envelope status. 0 (created, not launched) is never seen: the adapter always launches. 4 (from template) is not ours. */
const WORKFLOW_STATUS: Readonly<Record<number, ProviderEnvelopeStatus>> = { 0: 'draft', 1: 'sent', 2: 'completed', 3: 'expired', 5: 'rejected', 6: 'withdrawn' };

/** Action `status` → participant status. */
const ACTION_STATUS: Readonly<Record<string, ProviderParticipantStatus>> = {
  NOT_STARTED: 'waiting',
  STARTED: 'notified',
  IN_PROGRESS: 'viewed',
  COMPLETED: 'completed',
  DECLINED: 'rejected',
};

export const envelopeStatus = (status: number): ProviderEnvelopeStatus | null => WORKFLOW_STATUS[status] ?? null;

/**
 * The envelope status a workflow stands for. A deleted one (6) still shows what it had reached, by
 * its actions and expiry: deleted after every action was completed, one declined, or its expiry
 * passed, it had ended before — a withdrawal that crossed the last signature (the chaos soak found
 * it), or a clean-up at ConsignO — and that ending is the truth, not a withdrawal that took nothing back.
 */
export function workflowOutcome(workflow: Pick<ConsignoWorkflow, 'status' | 'actions' | 'expiresOn' | 'statusDate'>): ProviderEnvelopeStatus | null {
  if (workflow.status === 6) {
    const { actions } = workflow;
    if (actions.some((action) => action.status === 'DECLINED')) return 'rejected';
    if (actions.length > 0 && actions.every((action) => action.status === 'COMPLETED')) return 'completed';
    const expiresAt = msOf(workflow.expiresOn);
    const deletedAt = msOf(workflow.statusDate);
    if (expiresAt !== undefined && deletedAt !== undefined && expiresAt <= deletedAt) return 'expired';
  }
  return envelopeStatus(workflow.status);
}

/** An instant from ConsignO (epoch ms, or text) as ISO 8601; `undefined` when unreadable. */
export function isoOf(value: number | string | undefined): string | undefined {
  const ms = msOf(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function msOf(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

const nonEmpty = (text: string | undefined) => (text !== undefined && text.trim() !== '' ? text.trim() : undefined);
const refText = (ref: string | number | undefined) => (ref === undefined ? undefined : String(ref));

function actionSnapshot(action: ConsignoAction, workflowStatus: number): ParticipantSnapshot {
  const status = action.status;
  // A NOT_STARTED action of a workflow that ended (declined, expired, deleted) never had its turn.
  const unified = status === undefined ? null : (ACTION_STATUS[status] ?? null);
  const participantId = refText(action.signer.ref) ?? refText(action.ref);
  const at = isoOf(action.statusDate);
  const reason = status === 'DECLINED' ? nonEmpty(action.declineReason) : undefined;
  const signingUrl = workflowStatus === 1 && (status === 'STARTED' || status === 'IN_PROGRESS') ? nonEmpty(action.signingUrl) : undefined;
  return {
    match: {
      ...(participantId === undefined ? {} : { participantId }),
      providerReference: action.id,
      email: (action.signer.email ?? '').trim().toLowerCase(),
      role: action.signer.type === 'approver' ? 'approver' : 'signer',
      ...(action.step === undefined ? {} : { step: action.step }),
    },
    status: { unified, raw: { status: status ?? null, type: action.signer.type ?? null } },
    ...(reason === undefined ? {} : { rejectionReason: reason }),
    ...(signingUrl === undefined ? {} : { signingUrl }),
    timestamps: {
      ...(at && status === 'STARTED' ? { notifiedAt: at } : {}),
      ...(at && status === 'IN_PROGRESS' ? { viewedAt: at } : {}),
      ...(at && status === 'COMPLETED' ? { completedAt: at } : {}),
      ...(at && status === 'DECLINED' ? { rejectedAt: at } : {}),
    },
  };
}

/** Receivers are notification contacts: they wait until the workflow completes, then have their copy. */
function receiverSnapshots(workflow: ConsignoWorkflow, completedAt: string | undefined): ParticipantSnapshot[] {
  return (workflow.notifications ?? []).flatMap((notification): ParticipantSnapshot[] => {
    const contact = notification.contact;
    const email = (typeof contact === 'string' ? contact : contact?.email)?.trim().toLowerCase();
    if (!email) return [];
    const completed = workflowOutcome(workflow) === 'completed';
    return [
      {
        match: { email, role: 'receiver' },
        status: { unified: completed ? 'completed' : 'waiting', raw: { notification: completed ? 'sent' : 'pending' } },
        timestamps: completed && completedAt ? { completedAt } : {},
      },
    ];
  });
}

/** A full snapshot of a workflow from `GET /workflows/{id}`. */
export function toSnapshot(workflowId: string, workflow: ConsignoWorkflow): ProviderSnapshot {
  const unified = workflowOutcome(workflow);
  const completedAt = unified === 'completed' ? isoOf(workflow.status === 2 ? workflow.statusDate : lastActionAt(workflow)) : undefined;
  const participants = [...workflow.actions.map((action) => actionSnapshot(action, workflow.status)), ...receiverSnapshots(workflow, completedAt)];
  const expiresAt = isoOf(workflow.expiresOn);
  const modifiedAt = isoOf(workflow.modifiedOn);
  const reason = unified === 'rejected' ? participants.find((participant) => participant.rejectionReason !== undefined)?.rejectionReason : undefined;
  return {
    reference: workflowId,
    detail: 'full',
    status: { unified, raw: { status: workflow.status } },
    participants,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(modifiedAt === undefined ? {} : { modifiedAt }),
    ...(completedAt === undefined ? {} : { completedAt }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** When the last action happened (a deleted workflow's own `statusDate` is its deletion). */
function lastActionAt(workflow: ConsignoWorkflow): number | undefined {
  const times = workflow.actions.map((action) => msOf(action.statusDate)).filter((ms): ms is number => ms !== undefined);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** Each Countersign participant's action (by the `ref` we gave it) and, for embedded ones, its signing URL. */
export function sendResultParticipants(request: SendRequest, workflow: ConsignoWorkflow): Array<{ participantId: string; providerReference?: string; signingUrl?: string }> {
  return request.participants.map((participant) => {
    const action = workflow.actions.find((candidate) => refText(candidate.signer.ref) === participant.id || refText(candidate.ref) === participant.id);
    const url = action ? nonEmpty(action.signingUrl) : undefined;
    return { participantId: participant.id, ...(action ? { providerReference: action.id } : {}), ...(url ? { signingUrl: url } : {}) };
  });
}
