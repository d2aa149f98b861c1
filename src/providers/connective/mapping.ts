import type { ParticipantRole } from '../../domain/participant-status.js';
import { ProviderError } from '../errors.js';
import type { SendParticipant, SendRequest } from '../provider.js';
import type { ParticipantSnapshot, ProviderEnvelopeStatus, ProviderParticipantStatus, ProviderSnapshot } from '../snapshot.js';
import type { ConnectiveActor, ConnectivePackage, ConnectiveStakeholder } from './schemas.js';

/**
 * Countersign's envelope in Connective's words, and back (seed 001 "Create Package", "Add document
 * to package", "Set Process Information", "Definitions"; docs/providers.md, column "Connective").
 */

// ---------------------------------------------------------------------------------------------
// Requests

export type CreatePackageBody = {
  readonly PackageName: string;
  readonly Initiator?: string;
  readonly CallBackUrl?: string;
  readonly ExpiryTimestamp?: string;
  readonly ExternalPackageReference: string;
};

/** Create Package: the title, our envelope id (by which a resumed send finds a package whose id it lost), expiry and callback URL. */
export function createPackageBody(request: SendRequest, initiator: string | undefined): CreatePackageBody {
  return {
    PackageName: request.title,
    ...(initiator ? { Initiator: initiator } : {}),
    ...(request.callbackUrl ? { CallBackUrl: request.callbackUrl } : {}),
    ...(request.expiresAt ? { ExpiryTimestamp: new Date(Date.parse(request.expiresAt)).toISOString() } : {}),
    ExternalPackageReference: request.envelopeId,
  };
}

export type SigningField =
  | { readonly PageNumber: number; readonly Left: number; readonly Top: number; readonly Width: number; readonly Height: number; readonly Label: string }
  | { readonly MarkerOrFieldId: string; readonly Label: string };

/** The JSON of Add document to package, without `Document` (the base64, streamed after it). */
export type DocumentDefinition = {
  readonly DocumentName: string;
  readonly DocumentLanguage?: string;
  readonly DocumentType: 'application/pdf';
  readonly ExternalDocumentReference: string;
  readonly SigningFields?: readonly SigningField[];
};

/**
 * The label of a participant's `n`-th field (1-based, over all their fields): Connective answers one
 * location per signing field carrying its label, and the label says whose it is.
 */
export const fieldLabel = (participantId: string, n: number) => `${participantId}#${n}`;

/**
 * The signing fields of one document, in participant order: boxes as `PageNumber`/`Left`/`Top`/
 * `Width`/`Height` (PDF points from the top-left corner, U11), anchors as `MarkerOrFieldId` (the text
 * Connective looks for; its first occurrence). Each is labelled `<participantId>#<n>`.
 */
export function signingFieldsOf(request: SendRequest, documentId: string): SigningField[] {
  return request.participants.flatMap((participant) =>
    participant.fields.flatMap((field, index): SigningField[] => {
      if (field.documentId !== documentId) return [];
      const Label = fieldLabel(participant.id, index + 1);
      if ('anchor' in field) return [{ MarkerOrFieldId: field.anchor, Label }];
      return [{ PageNumber: field.page, Left: field.left, Top: field.top, Width: field.width, Height: field.height, Label }];
    }),
  );
}

export function documentDefinition(request: SendRequest, document: SendRequest['documents'][number]): DocumentDefinition {
  const fields = signingFieldsOf(request, document.id);
  return {
    DocumentName: document.filename,
    ...(request.language ? { DocumentLanguage: request.language } : {}),
    DocumentType: 'application/pdf',
    ExternalDocumentReference: document.id,
    ...(fields.length > 0 ? { SigningFields: fields } : {}),
  };
}

/**
 * What Connective cannot take that `checkSendRequest` does not know about, as a `validation` error
 * naming the fix, before any call: a signer without a field when others have one (once a package
 * has locations, Connective needs one for every signer). An anchor's pages and offsets, which
 * Connective has no place for, are the capability `anchorAdjustments`'s.
 */
export function checkConnectiveRequest(request: SendRequest): void {
  const problems: string[] = [];
  const anyFields = request.participants.some((participant) => participant.fields.length > 0);
  if (anyFields) {
    request.participants.forEach((participant, index) => {
      if (participant.role === 'signer' && participant.fields.length === 0) {
        problems.push(`participants[${index}] (${participant.email}) signs but has no signature field, while others have one: Connective eSignatures then needs a field for every signer. Add one, or remove every field to let Connective place the signatures.`);
      }
    });
  }
  if (problems.length > 0) throw new ProviderError({ kind: 'validation', provider: 'connective', message: problems.join(' ') });
}

const ACTOR_TYPE: Readonly<Partial<Record<ParticipantRole, 'Signer' | 'Approver' | 'Receiver'>>> = { signer: 'Signer', approver: 'Approver', receiver: 'Receiver' };
const ROLE_OF_ACTOR: Readonly<Record<string, ParticipantRole>> = { Signer: 'signer', Approver: 'approver', Receiver: 'receiver' };

export type ProcessActor = {
  readonly Type: 'Signer' | 'Approver' | 'Receiver';
  readonly OrderIndex: number;
  readonly LocationIds?: readonly string[];
  readonly Phonenumber?: string;
  readonly SigningTypes?: ReadonlyArray<{ readonly SigningType: string }>;
  readonly SendNotifications?: boolean;
  readonly RedirectURL?: string;
};

export type ProcessStakeholder = {
  readonly Type: 'Person';
  readonly EmailAddress: string;
  readonly FirstName: string;
  readonly LastName: string;
  readonly Language?: string;
  readonly ExternalStakeholderReference: string;
  readonly Actors: readonly ProcessActor[];
};

export type ProcessBody = { readonly Stakeholders: readonly ProcessStakeholder[] };

/** Label → location id, as Add document to package answered, for every field sent. */
export type LocationIds = Readonly<Record<string, string>>;

/**
 * Participants grouped into Connective stakeholders: one per person (email), in order of first
 * appearance, each participant one actor of it (`repeatedParticipants`: a person who approves and then
 * signs, or signs and receives a copy, is one stakeholder with two actors). The stakeholder's
 * `ExternalStakeholderReference` is the participant id, or the ids of all its participants joined by
 * `,` in actor order, which is how snapshots are matched back.
 */
export function stakeholderGroups(request: SendRequest): SendParticipant[][] {
  const groups = new Map<string, SendParticipant[]>();
  for (const participant of request.participants) {
    const email = participant.email.trim().toLowerCase();
    const group = groups.get(email);
    if (group) group.push(participant);
    else groups.set(email, [participant]);
  }
  return [...groups.values()];
}

export const stakeholderReference = (group: readonly SendParticipant[]) => group.map((participant) => participant.id).join(',');

/** Set Process Information (v3) for the request, given the location ids of its fields. */
export function processBody(request: SendRequest, locations: LocationIds): ProcessBody {
  return {
    Stakeholders: stakeholderGroups(request).map((group) => {
      const first = group[0]!;
      const language = first.language ?? request.language;
      return {
        Type: 'Person',
        EmailAddress: first.email.trim(),
        FirstName: first.firstName,
        LastName: first.lastName,
        ...(language ? { Language: language } : {}),
        ExternalStakeholderReference: stakeholderReference(group),
        Actors: group.map((participant) => processActor(participant, locations)),
      };
    }),
  };
}

function processActor(participant: SendParticipant, locations: LocationIds): ProcessActor {
  const type = ACTOR_TYPE[participant.role];
  if (type === undefined) {
    // checkSendRequest refuses roles outside the capabilities before any call; this is a bug guard.
    throw ProviderError.unsupported('connective', `role:${participant.role}`, `Connective eSignatures has no ${participant.role} role (capability "roles").`);
  }
  const locationIds = participant.fields.map((_, index) => {
    const id = locations[fieldLabel(participant.id, index + 1)];
    if (id === undefined) throw new Error(`No Connective location for field ${index + 1} of ${participant.id}: send.ts records every one before this.`);
    return id;
  });
  const sms = participant.authentication.some((method) => method.method === 'sms') && participant.phone !== null;
  const embedded = participant.delivery.mode === 'embedded' ? participant.delivery : null;
  return {
    Type: type,
    OrderIndex: participant.step,
    ...(locationIds.length > 0 ? { LocationIds: locationIds } : {}),
    ...(sms ? { Phonenumber: participant.phone!, SigningTypes: [{ SigningType: 'SmsOtp' }] } : {}),
    ...(embedded ? { SendNotifications: false, RedirectURL: embedded.returnUrl } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Answers

/** `PackageStatus` → envelope status (U11); anything else is `unified: null` with the raw value kept. */
const PACKAGE_STATUS: Readonly<Record<string, ProviderEnvelopeStatus>> = {
  Draft: 'draft',
  Pending: 'sent',
  Finished: 'completed',
  Rejected: 'rejected',
  Revoked: 'withdrawn',
  Expired: 'expired',
  Failed: 'failed',
};

/** `ActorStatus` → participant status. `Draft` (package not sent) and `Failed` say nothing we can apply. */
const ACTOR_STATUS: Readonly<Record<string, ProviderParticipantStatus>> = {
  Waiting: 'waiting',
  Available: 'notified',
  Finished: 'completed',
  Rejected: 'rejected',
  Skipped: 'skipped',
};

export function envelopeStatus(packageStatus: string | undefined): ProviderEnvelopeStatus | null {
  return packageStatus === undefined ? null : (PACKAGE_STATUS[packageStatus] ?? null);
}

/** The provider reference of one actor: `<StakeholderId>/<ActorId>` (one stakeholder may hold several participants). */
export const actorReference = (stakeholder: ConnectiveStakeholder, actor: ConnectiveActor) => `${stakeholder.StakeholderId ?? ''}/${actor.ActorId}`;

/** Every actor of the package with its stakeholder and, when the reference says, our participant id. */
export function actorsOf(pkg: ConnectivePackage): Array<{ stakeholder: ConnectiveStakeholder; actor: ConnectiveActor; participantId?: string }> {
  return (pkg.Stakeholders ?? []).flatMap((stakeholder) => {
    const ids = (stakeholder.ExternalStakeholderReference ?? '').split(',').map((id) => id.trim());
    const actors = stakeholder.Actors ?? [];
    // Our reference names one participant per actor, in actor order; anything else matches by email.
    const matched = ids.length === actors.length && ids.every((id) => id !== '');
    return actors.map((actor, index) => ({ stakeholder, actor, ...(matched ? { participantId: ids[index]! } : {}) }));
  });
}

const nonEmpty = (text: string | undefined) => (text !== undefined && text.trim() !== '' ? text.trim() : undefined);

function participantSnapshot(stakeholder: ConnectiveStakeholder, actor: ConnectiveActor, participantId: string | undefined, packageStatus: string): ParticipantSnapshot {
  const status = actor.ActorStatus;
  const unified = status === undefined ? null : (ACTOR_STATUS[status] ?? null);
  const role = actor.Type === undefined ? undefined : ROLE_OF_ACTOR[actor.Type];
  const reason = status === 'Rejected' ? nonEmpty(actor.Reason) : undefined;
  // A link is worth giving only while the actor may act.
  const signingUrl = status === 'Available' && packageStatus === 'Pending' ? nonEmpty(actor.ActionUrl) : undefined;
  return {
    match: {
      ...(participantId === undefined ? {} : { participantId }),
      ...(stakeholder.StakeholderId === undefined ? {} : { providerReference: actorReference(stakeholder, actor) }),
      email: (stakeholder.EmailAddress ?? '').trim().toLowerCase(),
      ...(role === undefined ? {} : { role }),
    },
    status: { unified, raw: { ActorStatus: status ?? null, Type: actor.Type ?? null } },
    ...(reason === undefined ? {} : { rejectionReason: reason }),
    ...(signingUrl === undefined ? {} : { signingUrl }),
    timestamps: {
      ...(status === 'Finished' && actor.CompletedTimestamp ? { completedAt: actor.CompletedTimestamp } : {}),
      ...(status === 'Rejected' && actor.CompletedTimestamp ? { rejectedAt: actor.CompletedTimestamp } : {}),
    },
  };
}

/** A full snapshot of a package from Get Package Status. */
export function toSnapshot(packageId: string, pkg: ConnectivePackage): ProviderSnapshot {
  const participants = actorsOf(pkg).map(({ stakeholder, actor, participantId }) => participantSnapshot(stakeholder, actor, participantId, pkg.PackageStatus));
  const unified = envelopeStatus(pkg.PackageStatus);
  const completedAt =
    unified === 'completed'
      ? participants
          .map((participant) => participant.timestamps.completedAt)
          .filter((at): at is string => at !== undefined && !Number.isNaN(Date.parse(at)))
          .sort((a, b) => Date.parse(b) - Date.parse(a))[0]
      : undefined;
  const reason = unified === 'rejected' ? participants.find((participant) => participant.rejectionReason !== undefined)?.rejectionReason : undefined;
  return {
    reference: packageId,
    detail: 'full',
    status: { unified, raw: { PackageStatus: pkg.PackageStatus } },
    participants,
    ...(pkg.ExpiryTimestamp ? { expiresAt: pkg.ExpiryTimestamp } : {}),
    ...(completedAt === undefined ? {} : { completedAt }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** A summary snapshot from a Package List item: the package status only. */
export function toSummary(item: { Id: string; PackageStatus?: string }): ProviderSnapshot {
  return { reference: item.Id, detail: 'summary', status: { unified: envelopeStatus(item.PackageStatus), raw: { PackageStatus: item.PackageStatus ?? null } }, participants: [] };
}

/**
 * Each Countersign participant's Connective actor (`<StakeholderId>/<ActorId>`), by our reference,
 * else by email and role, and its `ActionUrl` for embedded participants (to open or frame).
 */
export function sendResultParticipants(request: SendRequest, pkg: ConnectivePackage): Array<{ participantId: string; providerReference?: string; signingUrl?: string }> {
  const actors = actorsOf(pkg);
  const taken = new Set<ConnectiveActor>();
  return request.participants.map((participant) => {
    const email = participant.email.trim().toLowerCase();
    const found =
      actors.find((entry) => !taken.has(entry.actor) && entry.participantId === participant.id) ??
      actors.find((entry) => !taken.has(entry.actor) && (entry.stakeholder.EmailAddress ?? '').trim().toLowerCase() === email && entry.actor.Type === ACTOR_TYPE[participant.role]);
    if (found === undefined || found.stakeholder.StakeholderId === undefined) return { participantId: participant.id };
    taken.add(found.actor);
    const url = participant.delivery.mode === 'embedded' ? nonEmpty(found.actor.ActionUrl) : undefined;
    return { participantId: participant.id, providerReference: actorReference(found.stakeholder, found.actor), ...(url === undefined ? {} : { signingUrl: url }) };
  });
}
