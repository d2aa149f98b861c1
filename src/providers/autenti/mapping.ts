import type { ParticipantRole } from '../../domain/participant-status.js';
import type { SignatureLevel } from '../capabilities.js';
import type { SendParticipant, SendRequest } from '../provider.js';
import type { ParticipantSnapshot, ProviderEnvelopeStatus, ProviderParticipantStatus, ProviderSnapshot } from '../snapshot.js';
import type { AutentiConstraint, AutentiParty, AutentiProcess, AutentiProcessUpdate } from './types.js';

/**
 * Autenti's document process in Countersign's words, and back.
 *
 * @see ../shared/seeds/003_65ac229481647f64.txt "Key concepts and entities" → "The document process",
 *   "Parties", "Constraints"; "Creating & sending a document via API" (the PUT example).
 * @see docs/providers.md "fetch() → ProviderSnapshot: status mapping".
 */

/**
 * Process `status` → envelope status. Only DRAFT and PROCESSING appear in the seed; COMPLETED,
 * REJECTED, WITHDRAWN and EXPIRED are mapped by name (docs/providers.md U1). Anything else is
 * `unified: null` with the raw value kept, so a status added later never crashes a sync.
 */
const PROCESS_STATUS: Readonly<Record<string, ProviderEnvelopeStatus>> = {
  DRAFT: 'draft',
  PROCESSING: 'sent',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
  WITHDRAWN: 'withdrawn',
  EXPIRED: 'expired',
};

/**
 * Countersign role → Autenti role. Reading: a `receiver` (someone who only gets a copy, a "CC")
 * becomes a `VIEWER`, the only Autenti role that does not sign or approve. Autenti then lists them
 * as a participant who views the document; the domain completes receivers when the envelope does.
 */
export const AUTENTI_ROLE: Readonly<Record<ParticipantRole, 'SIGNER' | 'APPROVER' | 'VIEWER'>> = {
  signer: 'SIGNER',
  approver: 'APPROVER',
  viewer: 'VIEWER',
  receiver: 'VIEWER',
};

/**
 * Autenti role → Countersign role for matching. `VIEWER` is left out: it stands for both `viewer` and
 * `receiver`, so those are matched by provider reference, or email + step, instead of guessing.
 */
const COUNTERSIGN_ROLE: Readonly<Record<string, ParticipantRole>> = { SIGNER: 'signer', APPROVER: 'approver' };

/** `SIGNATURE_PROVIDER-SIGNATURE_TYPE:…` (seed 003 "Constraints"); `null` (provider default) → BASIC. */
const SIGNATURE_TYPE: Readonly<Record<SignatureLevel, string>> = {
  basic: 'SIGNATURE_PROVIDER-SIGNATURE_TYPE:BASIC',
  advanced: 'SIGNATURE_PROVIDER-SIGNATURE_TYPE:ADVANCED',
  qualified: 'SIGNATURE_PROVIDER-SIGNATURE_TYPE:QUALIFIED',
};

const CONSTRAINT = 'CONSTRAINT-UNIQUE_TYPE:';

function constraintOf(party: AutentiParty, uniqueType: string): AutentiConstraint | undefined {
  return party.constraints?.find((constraint) => constraint.classifiers?.includes(`${CONSTRAINT}${uniqueType}`));
}

/** `PARTICIPATION_PRIORITY` → priority, or `undefined` when the party has none. */
export function partyPriority(party: AutentiParty): number | undefined {
  const priority = constraintOf(party, 'PARTICIPATION_PRIORITY')?.attributes?.['priority'];
  return typeof priority === 'number' && Number.isFinite(priority) ? priority : undefined;
}

/** The party's email, lower-case: from `contacts` (read form) or `email` (write form). */
export function partyEmail(party: AutentiParty): string {
  const contact = party.party?.contacts?.find((entry) => entry.type === 'CONTACT-TYPE:EMAIL' && typeof entry.attributes?.email === 'string');
  return (contact?.attributes?.email ?? party.party?.email ?? '').trim().toLowerCase();
}

/**
 * Receivers who also take part in another role: Autenti takes one party per person (docs/providers.md
 * "one person, two roles"), and that party gets the signed documents anyway, so the receiver is not
 * sent. Countersign keeps both participants with their own statuses; the receiver completes with the
 * envelope and has no party id, so no status of the other role is ever applied to it.
 */
export function foldedReceivers(request: SendRequest): Set<string> {
  const active = new Set(request.participants.filter((p) => p.role !== 'receiver').map((p) => p.email.trim().toLowerCase()));
  return new Set(request.participants.filter((p) => p.role === 'receiver' && active.has(p.email.trim().toLowerCase())).map((p) => p.id));
}

/** Countersign document id → Autenti file id, for placing signature boxes on the right file. */
export type FileIds = Readonly<Record<string, string>>;

/** Whether any participant has a field: the PUT then needs the files' ids (send.ts uploads first). */
export function hasFields(request: SendRequest): boolean {
  return request.participants.some((participant) => participant.fields.length > 0);
}

/** The PUT body that sets a draft process up from a send request; `fileIds` is needed when it has fields. */
export function processUpdate(request: SendRequest, fileIds: FileIds = {}): AutentiProcessUpdate {
  const folded = foldedReceivers(request);
  return {
    title: request.title,
    description: request.message,
    ...(request.language === null ? {} : { processLanguage: request.language }),
    parties: request.participants.filter((participant) => !folded.has(participant.id)).map((participant) => ({
      party: {
        firstName: participant.firstName,
        lastName: participant.lastName,
        name: `${participant.firstName} ${participant.lastName}`.trim(),
        email: participant.email,
      },
      role: AUTENTI_ROLE[participant.role],
      constraints: [...partyConstraints(participant), ...visualisationConstraints(participant, fileIds)],
    })),
  };
}

/**
 * Constraints of one party, in the seed's shapes: `PARTICIPATION_PRIORITY` = step (equal priority =
 * in parallel, docs/providers.md U3); `SIGNATURE_TYPE` for signers only, as in the seed where
 * approvers and viewers carry none; an SMS code as `DOCUMENT_ACCESS_OTP_AUTHORIZATION` + `PHONE_NUMBER`
 * on the VIEW action, with the number in the seed's form (digits, no `+`: `48722722722`).
 */
export function partyConstraints(participant: SendParticipant): AutentiConstraint[] {
  const constraints: AutentiConstraint[] = [
    { classifiers: [`${CONSTRAINT}PARTICIPATION_PRIORITY`], attributes: { priority: participant.step } },
  ];
  if (participant.role === 'signer') {
    constraints.push({
      classifiers: [`${CONSTRAINT}SIGNATURE_TYPE`],
      attributes: { requiredClassifiers: [SIGNATURE_TYPE[participant.signatureLevel ?? 'basic']] },
    });
  }
  if (participant.authentication.some((method) => method.method === 'sms') && participant.phone !== null) {
    constraints.push(
      { constrainedActions: ['CONSTRAINED_ACTION:VIEW'], classifiers: [`${CONSTRAINT}DOCUMENT_ACCESS_OTP_AUTHORIZATION`] },
      {
        constrainedActions: ['CONSTRAINED_ACTION:VIEW'],
        classifiers: [`${CONSTRAINT}PHONE_NUMBER`],
        attributes: { phoneNumber: participant.phone.replace(/[^0-9]/g, '') },
      },
    );
  }
  return constraints;
}

/**
 * A signature box → a `VISUALISATION` constraint (docs/providers.md, the wire contract: neither seed
 * 003 nor the connector spells this kind out, the reference lists it among live constraint kinds):
 * `constrainedActions` `ACTION:SIGNATURE_APPLICATION`, `attributes` `{fileId, page, x, y, width,
 * height}` in PDF points from the page's top-left corner, as Countersign's boxes are, one constraint
 * per box. Only box fields of type `signature` reach here (capabilities `signatureFields: ['box']`,
 * `fieldTypes: ['signature']`; send-check.ts refuses the rest before any call).
 */
export function visualisationConstraints(participant: SendParticipant, fileIds: FileIds): AutentiConstraint[] {
  return participant.fields.flatMap((field) => {
    if ('anchor' in field || field.type !== 'signature') return [];
    const fileId = fileIds[field.documentId];
    if (fileId === undefined || fileId === '') {
      // send.ts resolves every id before the PUT; a gap here is a bug, not something to guess around.
      throw new Error(`No Autenti file id for document ${field.documentId}: the signature box of ${participant.id} cannot be placed.`);
    }
    return [
      {
        classifiers: [`${CONSTRAINT}VISUALISATION`],
        constrainedActions: ['ACTION:SIGNATURE_APPLICATION'],
        attributes: { fileId, page: field.page, x: field.left, y: field.top, width: field.width, height: field.height },
      },
    ];
  });
}

/** Events that mean the party did their part (seed: `SIGNATURE`, `APPROVAL`; the others by analogy). */
const COMPLETION_EVENTS = new Set(['SIGNATURE', 'APPROVAL', 'REVIEW', 'ACCEPTANCE', 'VIEW_CONFIRMATION']);
const REJECTION_EVENTS = new Set(['REJECTION', 'SIGNATURE_REJECTION', 'APPROVAL_REJECTION']);

/** The latest timestamp among a party's events of the given types. */
function latestEvent(party: AutentiParty, types: ReadonlySet<string>) {
  return (party.events ?? [])
    .filter((event) => typeof event.eventType === 'string' && types.has(event.eventType) && typeof event.timestamp === 'string')
    .sort((a, b) => Date.parse(b.timestamp!) - Date.parse(a.timestamp!))[0];
}

function rejectionReason(party: AutentiParty): string | undefined {
  const event = latestEvent(party, REJECTION_EVENTS);
  for (const candidate of [event?.attributes?.comment, event?.comment, party.attributes?.comment]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  return undefined;
}

/**
 * One party's status. `PENDING` is `notified` when every party with a lower priority has completed
 * (their turn has come), else `waiting`; `viewed` when it is their turn and a `VIEWING` event exists.
 * In a DRAFT process nobody has been invited: `unified: null` (Countersign's own `pending` stands).
 */
function participantStatus(party: AutentiParty, others: readonly AutentiParty[], processStatus: string | undefined): ProviderParticipantStatus | null {
  switch (party.participationStatus) {
    case 'COMPLETED':
      return 'completed';
    case 'REJECTED':
      return 'rejected';
    case 'PENDING': {
      if (processStatus === 'DRAFT') return null;
      const priority = partyPriority(party);
      const earlierOpen =
        priority !== undefined &&
        others.some((other) => {
          const otherPriority = partyPriority(other);
          return otherPriority !== undefined && otherPriority < priority && other.participationStatus !== 'COMPLETED';
        });
      if (earlierOpen) return 'waiting';
      return latestEvent(party, VIEWING) === undefined ? 'notified' : 'viewed';
    }
    default:
      return null;
  }
}
const VIEWING: ReadonlySet<string> = new Set(['VIEWING']);

function participantSnapshot(party: AutentiParty, others: readonly AutentiParty[], processStatus: string | undefined): ParticipantSnapshot {
  const priority = partyPriority(party);
  const unified = participantStatus(party, others, processStatus);
  const role = party.role === undefined ? undefined : COUNTERSIGN_ROLE[party.role];
  const viewedAt = latestEvent(party, VIEWING)?.timestamp;
  const completedAt = party.participationStatus === 'COMPLETED' ? latestEvent(party, COMPLETION_EVENTS)?.timestamp : undefined;
  const rejectedAt = party.participationStatus === 'REJECTED' ? latestEvent(party, REJECTION_EVENTS)?.timestamp : undefined;
  const reason = party.participationStatus === 'REJECTED' ? rejectionReason(party) : undefined;
  return {
    match: {
      ...(party.party?.id === undefined ? {} : { providerReference: party.party.id }),
      email: partyEmail(party),
      ...(role === undefined ? {} : { role }),
      ...(priority === undefined ? {} : { step: priority }),
    },
    status: { unified, raw: { participationStatus: party.participationStatus ?? null, role: party.role ?? null, priority: priority ?? null } },
    ...(reason === undefined ? {} : { rejectionReason: reason }),
    timestamps: {
      ...(viewedAt === undefined ? {} : { viewedAt }),
      ...(completedAt === undefined ? {} : { completedAt }),
      ...(rejectedAt === undefined ? {} : { rejectedAt }),
    },
  };
}

/**
 * A full snapshot of a process. The `SENDER` party is the account itself, not a participant, and is
 * left out (seed 003 "The document process": the sender appears as a party with a SUBMISSION event).
 */
export function toSnapshot(process: AutentiProcess): ProviderSnapshot {
  const parties = (process.parties ?? []).filter((party) => party.role !== 'SENDER');
  const participants = parties.map((party) => participantSnapshot(party, parties, process.status));
  const unified = process.status === undefined ? null : (PROCESS_STATUS[process.status] ?? null);
  const rejected = participants.find((participant) => participant.rejectionReason !== undefined);
  return {
    reference: process.id,
    detail: 'full',
    status: { unified, raw: { status: process.status ?? null } },
    participants,
    ...(process.modifiedAt === undefined ? {} : { modifiedAt: process.modifiedAt }),
    // The seed has no completion instant; the last modification of a completed process is the closest.
    ...(unified === 'completed' && process.modifiedAt !== undefined ? { completedAt: process.modifiedAt } : {}),
    ...(unified === 'rejected' && rejected?.rejectionReason !== undefined ? { reason: rejected.rejectionReason } : {}),
  };
}

/**
 * The provider reference of each Countersign participant, by email, role and step (falling back to
 * email alone when the roles or steps do not line up, e.g. a receiver sent as VIEWER).
 */
export function partyIdsFor(request: SendRequest, process: AutentiProcess): Array<{ participantId: string; providerReference?: string }> {
  const parties = (process.parties ?? []).filter((party) => party.role !== 'SENDER' && typeof party.party?.id === 'string');
  const taken = new Set<string>();
  const pick = (predicate: (party: AutentiParty) => boolean) => parties.find((party) => !taken.has(party.party!.id!) && predicate(party));
  const folded = foldedReceivers(request);
  return request.participants.map((participant) => {
    if (folded.has(participant.id)) return { participantId: participant.id };
    const email = participant.email.trim().toLowerCase();
    const party =
      pick((p) => partyEmail(p) === email && p.role === AUTENTI_ROLE[participant.role] && partyPriority(p) === participant.step) ??
      pick((p) => partyEmail(p) === email);
    if (party === undefined) return { participantId: participant.id };
    taken.add(party.party!.id!);
    return { participantId: participant.id, providerReference: party.party!.id! };
  });
}
