import { createOrAdopt, type SendCheckpoint, type SendRequest, type SendResult } from '../provider.js';
import { selectAction } from './challenges.js';
import type { AutentiClient } from './client.js';
import { ProviderError } from '../errors.js';
import { hasFields, partyIdsFor, processUpdate, type FileIds } from './mapping.js';
import type { AutentiProcess } from './types.js';

/**
 * What a send has done so far, saved before every provider call that creates or sends (rules in
 * `SendCheckpoint`'s JSDoc; `sendProcess` says which steps share a save).
 * @see ../shared/seeds/003_65ac229481647f64.txt "Creating & sending a document via API", "Sending a document".
 */
export type AutentiSendState = {
  /** Step 1 intent: `POST /document-processes` was about to be sent at this instant (ISO, our clock); its answer may be lost. */
  creatingAt: string;
  /** Step 1: `POST /document-processes` created (or a resume adopted) this DRAFT process. */
  processId: string;
  /** Step 2: the `PUT` with title, description, language and parties went through (saved with the next step). */
  partiesSet: boolean;
  /** Step 3: Countersign document id → Autenti file id (`''` when Autenti did not say the id), saved before the next upload or with the intent. */
  files: Record<string, string>;
  /** Step 4 intent: the DOCUMENT_SENT action is about to be (or was) posted; its answer may be lost. */
  sending: boolean;
  /** Step 4 done. Not saved when it happens (the app records the envelope sent); a resume learns it from the process's status. */
  sent: boolean;
};

/**
 * Creates, sets up, fills and sends one document process, resuming from `checkpoint`:
 * 1. save intent `creatingAt`, `POST /document-processes` titled with the envelope id (`draftTitle`)
 *    → save `processId`. A resume with the intent and no id looks for the DRAFT a create whose answer
 *    (or save) was lost has left (`findOrphanDraft`: its title names this envelope, so another
 *    envelope's draft is never taken) and adopts it; finding none, it creates. Seed 003 has no call to
 *    delete a process, so adopting is what keeps an empty DRAFT from being left behind;
 * 2. `PUT` parties and texts → `partiesSet`, saved with the next save (a PUT creates nothing and is
 *    safe to repeat, so it costs no durable write of its own);
 * 3. per document, `POST …/files` streamed → its file id, saved before the next provider call that
 *    creates something (the next upload, or with the send intent of 4). A resumed send first lists the
 *    process's files and deletes every source file it has not recorded: an upload whose answer (or
 *    save) was lost, or one cut off half-way, would otherwise sign twice;
 *    when a participant has signature boxes, 3 comes before 2: the boxes' `VISUALISATION`
 *    constraints name the uploaded file's id (docs/providers.md, "Autenti: live service versus seed
 *    003 — the adapter");
 * 4. save `sending` (with whatever 2 and 3 left unsaved), `POST …/actions` answering ACTION_SELECTION
 *    with DOCUMENT_SENT. Its success is not saved here: the app records the envelope sent with the
 *    result, and a resume that finds `sending` without `sent` reads the process first: a status other
 *    than DRAFT means the send went through, and it is not repeated.
 * Finally the process is read once to learn each participant's party id (assigned by Autenti; ids
 * may change when the process is sent, so they are read after sending).
 * A send of one document thus saves three times (the create intent; the process id; the file id with
 * the send intent).
 */
export async function sendProcess(
  client: AutentiClient,
  request: SendRequest,
  checkpoint: SendCheckpoint<AutentiSendState>,
  now: () => Date = () => new Date(),
): Promise<SendResult> {
  const state: Partial<AutentiSendState> = structuredClone(checkpoint.state);
  const resumed = state.processId !== undefined;
  /** An uploaded file's id not saved yet: saved before the next call that creates or sends. */
  let uploadUnsaved = false;
  const save = async () => {
    await checkpoint.save(structuredClone(state));
    uploadUnsaved = false;
  };

  // 1. Create, or adopt the draft an interrupted attempt created.
  if (state.processId === undefined) {
    // An adopted id is saved too: the PUT of step 2 replaces the title that let it be found.
    state.processId = await createOrAdopt(state, {
      find: (since) => findOrphanDraft(client, request.envelopeId, since),
      create: async () => (await client.createProcess({ title: draftTitle(request) })).id,
      save,
      now,
    });
    await save();
  }
  const processId = state.processId;

  // 2–3. Texts and parties, and files. Signature boxes name the Autenti file they sit on, whose id
  // exists only after the upload: with fields, the files go first and the parties after. Either order
  // is crash-safe: the PUT is idempotent (an unsaved `partiesSet` repeats it at most), and each upload
  // is saved before the next creating call, so a resume never repeats a recorded upload (an unrecorded
  // one is deleted first, see removeUnrecordedFiles). Without fields the seed's order (parties, then
  // files) stays.
  const setParties = async (fileIds: FileIds) => {
    if (state.partiesSet === true) return;
    await client.updateProcess(processId, processUpdate(request, fileIds));
    state.partiesSet = true;
  };
  const withFields = hasFields(request);
  if (!withFields) await setParties({});

  // Files, in the envelope's order.
  const files = { ...state.files };
  const pending = request.documents.filter((document) => files[document.id] === undefined);
  if (resumed && pending.length > 0 && state.sending !== true) await removeUnrecordedFiles(client, processId, files);
  for (const document of pending) {
    if (uploadUnsaved) await save();
    const fileId = await client.uploadFile(processId, {
      filename: document.filename,
      mediaType: document.mediaType,
      size: document.size,
      open: () => document.open(),
    });
    files[document.id] = fileId ?? '';
    state.files = { ...files };
    uploadUnsaved = true;
  }

  if (withFields && state.partiesSet !== true) await setParties(await resolveFileIds(client, processId, request, files));

  // 4. Send.
  let process: AutentiProcess | undefined;
  if (state.sent !== true) {
    if (state.sending === true) {
      process = await client.getProcess(processId);
      if (process.status !== undefined && process.status !== 'DRAFT') state.sent = true;
    }
    if (state.sent !== true) {
      state.sending = true;
      await save();
      await client.performAction(processId, { ACTION_SELECTION: selectAction('DOCUMENT_SENT') });
      process = undefined;
    }
    state.sent = true;
  }

  process ??= await client.getProcess(processId);
  return { reference: processId, participants: partyIdsFor(request, process) };
}

/** What ends the title of every draft created for the envelope (`draftTitle`). */
const draftMarker = (envelopeId: string) => ` [Countersign ${envelopeId}]`;

/**
 * The title a draft is created with, until the PUT sets the real one. Seed 003 shows the create call
 * without a body (Autenti answers "Placeholder title"); Autenti's connector definition takes a `title`
 * there, so a draft whose id a crash lost names the envelope it belongs to (`findOrphanDraft`).
 */
function draftTitle(request: SendRequest): string {
  const label = draftMarker(request.envelopeId);
  return `${request.title.slice(0, Math.max(0, 255 - label.length))}${label}`;
}

/**
 * How long before the saved intent the search for an orphan starts: the intent is stamped by our
 * clock, the draft by Autenti's, and the two may disagree by more than the create takes.
 */
const ORPHAN_SEARCH_MARGIN_MS = 5 * 60_000;
const ORPHAN_SEARCH_PAGE_SIZE = 100;

/**
 * The DRAFT process an interrupted attempt created for this envelope and never saved the id of:
 * among the account's drafts modified since a little before the intent (seed 003 "Querying existing
 * documents", `status=DRAFT`), the one whose title ends with our marker. Such a draft got no PUT (it
 * comes after the id's save), so it still carries the create's title. `undefined` when there is none.
 * Runs only on such a resume; the status filter keeps it to a page or so.
 */
async function findOrphanDraft(client: AutentiClient, envelopeId: string, creatingAt: string): Promise<string | undefined> {
  const marker = draftMarker(envelopeId);
  const modifiedAfter = new Date(Date.parse(creatingAt) - ORPHAN_SEARCH_MARGIN_MS).toISOString();
  const found: AutentiProcess[] = [];
  for (let offset = 0; ; offset += ORPHAN_SEARCH_PAGE_SIZE) {
    let listed = 0;
    for await (const process of client.listProcesses({ modifiedAfter, status: 'DRAFT', limit: ORPHAN_SEARCH_PAGE_SIZE, offset })) {
      listed += 1;
      if (process.status === 'DRAFT' && process.title?.endsWith(marker)) found.push(process);
    }
    if (listed < ORPHAN_SEARCH_PAGE_SIZE) break;
  }
  // Two cannot happen when the intent is saved before every create: a resume adopts the one it finds.
  // They could only if a create reached Autenti after a resume had listed without it, and that resume
  // crashed too; then the oldest is adopted and the other stays an unsent DRAFT.
  const createdAt = (process: AutentiProcess) => {
    const time = Date.parse(process.createdAt ?? process.modifiedAt ?? '');
    return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
  };
  found.sort((a, b) => createdAt(a) - createdAt(b));
  return found[0]?.id;
}

/**
 * Every document's Autenti file id, for placing boxes. Autenti normally says the id when a file is
 * uploaded; for one recorded without it (`''`), the process's source files not otherwise recorded are
 * matched by file name, in upload order. A document still without an id is refused rather than guessed.
 */
async function resolveFileIds(client: AutentiClient, processId: string, request: SendRequest, files: Record<string, string>): Promise<FileIds> {
  const unknown = request.documents.filter((document) => (files[document.id] ?? '') === '');
  if (unknown.length === 0) return files;
  const recorded = new Set(Object.values(files).filter((id) => id !== ''));
  const candidates = (await client.listFiles(processId)).filter((file) => !recorded.has(file.id) && (file.filePurpose === undefined || file.filePurpose === 'SOURCE_FILE'));
  const resolved: Record<string, string> = { ...files };
  for (const document of unknown) {
    const index = candidates.findIndex((file) => file.filename === document.filename);
    if (index < 0) {
      throw new ProviderError({
        kind: 'unsupported',
        provider: 'autenti',
        feature: 'response-shape',
        message: `Autenti did not say the id of uploaded file ${document.filename} in document process ${processId}, and does not list it by that name: Countersign cannot place its signature boxes. Send the envelope without fields, or report this to the Countersign maintainers.`,
      });
    }
    resolved[document.id] = candidates[index]!.id;
    candidates.splice(index, 1);
  }
  return resolved;
}

/**
 * Deletes the process's source files that no saved step recorded: left by an upload whose answer or
 * save was lost, or cut off half-way. Files recorded with an unknown id (`''`) are matched by count:
 * the oldest ones are kept.
 */
async function removeUnrecordedFiles(client: AutentiClient, processId: string, files: Record<string, string>): Promise<void> {
  const recorded = new Set(Object.values(files).filter((id) => id !== ''));
  let unknownKept = Object.values(files).filter((id) => id === '').length;
  const sources = (await client.listFiles(processId)).filter((file) => file.filePurpose === undefined || file.filePurpose === 'SOURCE_FILE');
  for (const file of sources) {
    if (recorded.has(file.id)) continue;
    if (unknownKept > 0) {
      unknownKept -= 1;
      continue;
    }
    await client.deleteFile(processId, file.id);
  }
}
