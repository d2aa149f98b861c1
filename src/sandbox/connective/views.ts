import type { FastifyRequest } from 'fastify';
import { sha256Of } from '../file-hash.js';
import type { ConnectiveContext } from './context.js';
import { currentPath } from './files.js';
import { actorsOf, type StoredActor, type StoredPackage } from './model.js';

/**
 * The package as the API answers it (Get Package Status, the reference definition's PackageStatus):
 * PascalCase, optional members present as null, and an absolute ActionUrl only while the actor may act.
 */

/** The absolute URL of an actor's signing page, on the host the caller reached the sandbox by. */
export function actionUrlOf(context: ConnectiveContext, request: FastifyRequest, actor: StoredActor): string {
  return `${request.protocol}://${request.host}${signingPath(context, actor)}`;
}

/** The signing page's path (the mailbox makes it absolute when it lists a message). */
export const signingPath = (context: ConnectiveContext, actor: StoredActor) => `${context.prefix}/_sandbox/sign/${actor.token}`;

function actorView(context: ConnectiveContext, request: FastifyRequest, pkg: StoredPackage, email: string, actor: StoredActor) {
  const url = pkg.status === 'Pending' && actor.status === 'Available' && actor.type !== 'Receiver' ? actionUrlOf(context, request, actor) : null;
  return {
    ActorId: actor.id,
    ActionUrl: url,
    ActionUrls: url ? [{ EmailAddress: email, Url: url }] : [],
    ActorStatus: actor.status,
    Type: actor.type,
    CompletedBy: actor.completedBy,
    CompletedTimestamp: actor.completedAt,
    Reason: actor.reason,
    Locations: actor.locationIds.map((id) => ({ Id: id, UsedSigningType: actor.status === 'Finished' ? actor.usedSigningType : null })),
  };
}

export function packageStatusView(context: ConnectiveContext, request: FastifyRequest, pkg: StoredPackage) {
  return {
    PackageName: pkg.name,
    CreationTimestamp: pkg.createdAt,
    Initiator: pkg.initiator,
    ExpiryTimestamp: pkg.expiryTimestamp,
    ExternalPackageReference: pkg.externalReference,
    F2FSigningUrl: null,
    PackageStatus: pkg.status,
    PackageDocuments: pkg.documents.map((document) => ({
      DocumentId: document.id,
      ExternalDocumentReference: document.externalReference,
      DocumentName: document.name,
      DocumentType: document.type,
    })),
    Stakeholders: pkg.stakeholders.map((stakeholder) => ({
      Type: stakeholder.type,
      PersonGroupName: null,
      ContactGroupCode: null,
      EmailAddress: stakeholder.email,
      ExternalStakeholderReference: stakeholder.externalReference,
      StakeholderId: stakeholder.id,
      Actors: stakeholder.actors.map((actor) => actorView(context, request, pkg, stakeholder.email, actor)),
    })),
  };
}

/** The control view (`GET /_sandbox/packages/{id}`): the status answer plus what tests need to check placement. */
export async function packageControlView(context: ConnectiveContext, request: FastifyRequest, pkg: StoredPackage) {
  const status = packageStatusView(context, request, pkg);
  const actors = new Map(actorsOf(pkg).map(({ actor }) => [actor.id, actor]));
  // The current file's SHA-256 (the signed one once signed): what a test compares Countersign's archived copy with.
  const hashes = await Promise.all(pkg.documents.map((document) => sha256Of(currentPath(context, document))));
  return {
    ...status,
    PackageId: pkg.id,
    CallBackUrl: pkg.callbackUrl,
    CorrelationId: pkg.correlationId,
    PackageDocuments: pkg.documents.map((document, index) => ({
      ...status.PackageDocuments[index]!,
      SourceFileName: document.name,
      Signed: document.signedPath !== null,
      Sha256: hashes[index]!,
      PageCount: document.pages.length,
      Locations: document.locations.map((location) => ({
        Id: location.id,
        Label: location.label,
        PageNumber: location.pageNumber,
        Left: location.left,
        Top: location.top,
        Width: location.width,
        Height: location.height,
      })),
    })),
    Stakeholders: status.Stakeholders.map((stakeholder, index) => ({
      ...stakeholder,
      FirstName: pkg.stakeholders[index]!.firstName,
      LastName: pkg.stakeholders[index]!.lastName,
      Actors: stakeholder.Actors.map((view) => {
        const actor = actors.get(view.ActorId)!;
        return { ...view, LocationIds: actor.locationIds, OrderIndex: actor.orderIndex, Phonenumber: actor.phonenumber, SigningType: actor.signingType, SendNotifications: actor.sendNotifications, RedirectURL: actor.redirectUrl };
      }),
    })),
    Events: pkg.events,
    Callbacks: context.callbacks.deliveries(pkg.id).map(({ body, attempts, status: deliveryStatus, lastStatus, lastError }) => ({ body, attempts, status: deliveryStatus, lastStatus, lastError })),
  };
}
