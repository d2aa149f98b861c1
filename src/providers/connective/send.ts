import { ProviderError } from '../errors.js';
import { createOrAdopt, type SendCheckpoint, type SendRequest, type SendResult } from '../provider.js';
import type { ConnectiveClient } from './client.js';
import { checkConnectiveRequest, createPackageBody, documentDefinition, processBody, sendResultParticipants, signingFieldsOf } from './mapping.js';
import type { ConnectivePackage } from './schemas.js';

/**
 * What a send has done so far, saved after every step (rules in `SendCheckpoint`'s JSDoc).
 * @see ../shared/seeds/001_92e506d962edbcf9.txt "Create Package", "Add document to package",
 *   "Set Process Information", "Set Package Status".
 */
export type ConnectiveSendState = {
  /** Step 1 intent: Create Package was about to be sent at this instant (ISO, our clock); its answer may be lost. */
  creatingAt: string;
  /** Step 1: Create Package made (or a resume adopted) this `Draft` package. */
  packageId: string;
  /** Step 2, per document: Countersign document id → Connective `DocumentId`, saved after each. */
  documentIds: Record<string, string>;
  /** Step 2: field label (`<participantId>#<n>`) → location id, saved with its document. */
  locationIds: Record<string, string>;
  /** Step 3: Set Process Information went through. */
  processSet: boolean;
  /** Step 4 intent: Set Package Status `Pending` is about to be (or was) sent; its answer may be lost. */
  sending: boolean;
  /** Step 4 done. */
  sent: boolean;
};

/**
 * Creates, fills, sets up and sends one package, resuming from `checkpoint`:
 * 1. save intent `creatingAt`, Create Package with `ExternalPackageReference` = envelope id → save
 *    `packageId`. A resume with the intent and no id looks for the `Draft` package a create whose
 *    answer (or save) was lost has left (`findOrphanPackage`: by our reference, so another envelope's
 *    package is never taken) and adopts it; finding none, it creates;
 * 2. per document, in the envelope's order, Add document to package with the base64 streamed into the
 *    JSON body and this document's signing fields → save its `DocumentId` and the location id of
 *    each field (Connective answers one location per field, in order, labelled as sent). A resumed
 *    send first removes the package's documents it has not recorded (an upload whose answer or save
 *    was lost), so no document is added twice;
 * 3. Set Process Information (stakeholders, actors with `OrderIndex` = step and their location ids)
 *    → save `processSet`. A PUT; on resume a package that already has our stakeholders counts as set;
 * 4. save intent `sending`, Set Package Status `Pending` → save `sent`. A resume that finds `sending`
 *    without `sent` reads the package first: any status but `Draft` means it was sent, and it is not
 *    sent again.
 * The answer of step 4 (else one Get Package Status) gives each participant's actor and `ActionUrl`.
 */
export async function sendPackage(
  client: ConnectiveClient,
  request: SendRequest,
  checkpoint: SendCheckpoint<ConnectiveSendState>,
  options: { initiator?: string; now?: () => Date; pageSize?: number },
): Promise<SendResult> {
  checkConnectiveRequest(request);
  const state: Partial<ConnectiveSendState> = structuredClone(checkpoint.state);
  const resumed = state.packageId !== undefined;
  const save = () => checkpoint.save(structuredClone(state));

  // 1. Create, or adopt the package an interrupted attempt created.
  if (state.packageId === undefined) {
    state.packageId = await createOrAdopt(state, {
      find: (since) => findOrphanPackage(client, request.envelopeId, since, options.pageSize ?? 100),
      create: async () => (await client.createPackage(createPackageBody(request, options.initiator))).PackageId,
      save,
      now: options.now ?? (() => new Date()),
    });
    await save();
  }
  const packageId = state.packageId;

  // 2. Documents, in the envelope's order.
  const documentIds = { ...state.documentIds };
  const locationIds = { ...state.locationIds };
  const pending = request.documents.filter((document) => documentIds[document.id] === undefined);
  if (resumed && pending.length > 0 && state.sending !== true) await removeUnrecordedDocuments(client, packageId, documentIds);
  for (const document of pending) {
    const definition = documentDefinition(request, document);
    const added = await client.addDocument(packageId, { definition, size: document.size, open: () => document.open() });
    const fields = signingFieldsOf(request, document.id);
    const locations = added.Locations ?? [];
    if (locations.length !== fields.length) {
      throw new ProviderError({
        kind: 'unsupported',
        provider: 'connective',
        feature: 'response-shape',
        message: `Connective eSignatures made ${locations.length} signing location(s) for the ${fields.length} field(s) of ${document.filename} in package ${packageId}; Countersign cannot tell which is whose, so it did not send. Check the package in Connective.`,
      });
    }
    // One location per field, in the fields' order (the wire contract); the label confirms it when given.
    fields.forEach((field, index) => {
      const location = locations.find((candidate) => candidate.Label === field.Label) ?? locations[index]!;
      locationIds[field.Label] = location.Id;
    });
    documentIds[document.id] = added.DocumentId;
    state.documentIds = { ...documentIds };
    state.locationIds = { ...locationIds };
    await save();
  }

  // 3. Stakeholders and actors.
  let pkg: ConnectivePackage | undefined;
  if (state.processSet !== true) {
    if (resumed && state.sending !== true) {
      // A PUT replaces what was set, but a resumed send need not repeat one that went through.
      pkg = await client.getStatus(packageId);
      const expected = new Set(request.participants.map((participant) => participant.id));
      const set = (pkg.Stakeholders ?? []).flatMap((stakeholder) => (stakeholder.ExternalStakeholderReference ?? '').split(','));
      if (!(set.length === expected.size && set.every((id) => expected.has(id)))) {
        await client.setProcess(packageId, processBody(request, locationIds));
      }
    } else if (state.sending !== true) {
      await client.setProcess(packageId, processBody(request, locationIds));
    }
    state.processSet = true;
    await save();
  }

  // 4. Send.
  if (state.sent !== true) {
    if (state.sending === true) {
      pkg = await client.getStatus(packageId);
      if (pkg.PackageStatus !== 'Draft') state.sent = true;
    }
    if (state.sent !== true) {
      state.sending = true;
      await save();
      pkg = await setPending(client, packageId);
    }
    state.sent = true;
    await save();
  }

  if (pkg === undefined || pkg.PackageStatus === 'Draft') pkg = await client.getStatus(packageId);
  return { reference: packageId, participants: sendResultParticipants(request, pkg) };
}

/**
 * Set Package Status `Pending`. The HTTP client repeats this PUT when its answer is lost (a cut
 * connection); if the first one went through, Connective refuses the repeat with 409 (only a Draft
 * can be set Pending). A 409 is therefore read as "maybe sent already": the package's own status
 * decides (the chaos soak found such sends marked failed while their packages were live).
 */
async function setPending(client: ConnectiveClient, packageId: string): Promise<ConnectivePackage | undefined> {
  try {
    return await client.setStatus(packageId, 'Pending');
  } catch (error) {
    if (!ProviderError.is(error, 'conflict')) throw error;
    const pkg = await client.getStatus(packageId);
    if (pkg.PackageStatus === 'Draft') throw error;
    return pkg;
  }
}

/**
 * Removes the package's documents no saved step recorded: added by an upload whose answer or save
 * was lost. (An upload cut off half-way adds nothing: Connective refuses an incomplete body.)
 */
async function removeUnrecordedDocuments(client: ConnectiveClient, packageId: string, documentIds: Record<string, string>): Promise<void> {
  const recorded = new Set(Object.values(documentIds));
  const { Documents } = await client.getLocations(packageId);
  for (const document of Documents) {
    if (!recorded.has(document.DocumentId)) await client.deleteDocument(packageId, document.DocumentId);
  }
}

/**
 * How long before the saved intent the search for an orphan starts: the intent is stamped by our
 * clock, the package's creation by Connective's, and the two may disagree by more than the create takes.
 */
const ORPHAN_SEARCH_MARGIN_MS = 5 * 60_000;

/**
 * The `Draft` package an interrupted attempt created for this envelope and never saved the id of:
 * Package List (seed 001) of the packages created since a little before the intent, the one whose
 * `ExternalPackageReference` is our envelope id. `undefined` when there is none. It runs only on such a
 * resume, one call per page (100 packages, the most Connective serves), and stops at the first match:
 * each page counts against the connection's 100 calls a minute. The list is in creation order
 * (ascending is Connective's default), so should there be two (a create that reached Connective after
 * a resume had listed without it, and that resume crashed too), the oldest is adopted and the other
 * stays an unsent `Draft`. The status is compared in any case: the seed writes `Draft`, the connector
 * definition's example `DRAFT`.
 */
async function findOrphanPackage(client: ConnectiveClient, envelopeId: string, creatingAt: string, pageSize: number): Promise<string | undefined> {
  const createdAfter = new Date(Date.parse(creatingAt) - ORPHAN_SEARCH_MARGIN_MS).toISOString();
  let continuationToken: string | undefined;
  do {
    const page = await client.listPackages({ maxQuantity: pageSize, createdAfter, ...(continuationToken ? { continuationToken } : {}) });
    const orphan = page.Items.find((item) => item.ExternalPackageReference === envelopeId && item.PackageStatus?.toLowerCase() === 'draft');
    if (orphan !== undefined) return orphan.Id;
    continuationToken = page.ContinuationToken === '' ? undefined : page.ContinuationToken;
  } while (continuationToken !== undefined);
  return undefined;
}
