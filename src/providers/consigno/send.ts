import { ProviderError } from '../errors.js';
import type { SendCheckpoint, SendRequest, SendResult } from '../provider.js';
import type { ConsignoClient } from './client.js';
import { isAlreadyAssigned } from './errors.js';
import { sendResultParticipants, workflowBody } from './mapping.js';
import type { ConsignoWorkflow } from './schemas.js';

/**
 * What a send has done so far (rules in `SendCheckpoint`'s JSDoc; the resume rule of issue 11).
 * ConsignO has no listing, so a create whose answer was lost cannot be looked up: the rule below
 * never launches a second live workflow instead.
 */
export type ConsignoSendState = {
  /** Step 1, per document: Countersign document id → ConsignO `documentId`, saved after each upload. */
  documents: Record<string, string>;
  /** Step 1, per document: its page count as ConsignO counted it (the default zone goes on the last page). */
  pages: Record<string, number>;
  /** Step 2 intent: `POST /workflows` is about to be (or was) sent; its answer may be lost. */
  creating: boolean;
  /** Step 2 done: the workflow created and launched. */
  workflowId: string;
};

/**
 * Workflows this adapter created, by the ConsignO document ids they use: a send whose checkpoint save
 * failed after the create (a database error, not a crash) finds its workflow here when it is retried in
 * the same process. After a restart this is empty and the rule of `sendWorkflow` applies.
 */
export type CreatedWorkflows = Map<string, string>;

const documentsKey = (documentIds: readonly string[]) => [...documentIds].sort().join(',');

/**
 * Uploads, then creates and launches one workflow, resuming from `checkpoint`:
 * 1. each PDF `POST /documents` (multipart, streamed) → save its `documentId` (and page count);
 * 2. save intent `creating`, `POST /workflows` with `status` 1 (create and launch) → save `workflowId`.
 * Resuming with `workflowId` reads the workflow. Resuming with `creating` and no `workflowId` posts the
 * same workflow again with the same document ids: a document serves one workflow only, so if ConsignO
 * accepts, the first create never happened and this is no duplicate; if it answers 409 `already
 * assigned`, the first create happened and its id is lost → `outcome-unknown`, for a person to decide.
 */
export async function sendWorkflow(
  client: ConsignoClient,
  request: SendRequest,
  checkpoint: SendCheckpoint<ConsignoSendState>,
  created: CreatedWorkflows,
  now: () => Date = () => new Date(),
): Promise<SendResult> {
  const state: Partial<ConsignoSendState> = structuredClone(checkpoint.state);
  const save = () => checkpoint.save(structuredClone(state));

  // 1. Documents, in the envelope's order.
  for (const document of request.documents) {
    if (state.documents?.[document.id] !== undefined) continue;
    const uploaded = await client.uploadDocument({ filename: document.filename, size: document.size, open: () => document.open() });
    state.documents = { ...state.documents, [document.id]: uploaded.documentId };
    if (uploaded.pages !== undefined) state.pages = { ...state.pages, [document.id]: uploaded.pages };
    await save();
  }
  const documentIds = state.documents ?? {};
  const consignoIds = request.documents.map((document) => documentIds[document.id]!);

  // 2. Create and launch.
  let workflow: ConsignoWorkflow;
  if (state.workflowId !== undefined) {
    workflow = await client.getWorkflow(state.workflowId);
  } else {
    const resumedCreate = state.creating === true;
    if (!resumedCreate) {
      state.creating = true;
      await save();
    }
    const known = created.get(documentsKey(consignoIds));
    if (known !== undefined) {
      workflow = await client.getWorkflow(known);
    } else {
      try {
        workflow = await client.createWorkflow(workflowBody(request, documentIds, state.pages ?? {}));
      } catch (error) {
        if (resumedCreate && isAlreadyAssigned(error)) throw outcomeUnknown(request, consignoIds, now(), error);
        // A 4xx is a refusal: nothing was created, and the intent no longer stands.
        if (ProviderError.is(error) && error.httpStatus !== null && error.httpStatus >= 400 && error.httpStatus < 500) {
          delete state.creating;
          await save();
        }
        throw error;
      }
      created.set(documentsKey(consignoIds), workflow.id);
    }
    state.workflowId = workflow.id;
    await save();
  }
  return { reference: workflow.id, participants: sendResultParticipants(request, workflow) };
}

function outcomeUnknown(request: SendRequest, documentIds: readonly string[], at: Date, cause: unknown): ProviderError {
  return new ProviderError({
    kind: 'outcome-unknown',
    provider: 'consigno',
    httpStatus: 409,
    cause,
    message:
      `An earlier attempt created the ConsignO Cloud workflow "${request.title}" and was interrupted before its id was saved; ConsignO Cloud has no list to look it up ` +
      `(it says the documents ${documentIds.join(', ')} are already assigned to a workflow; checked ${at.toISOString()}). ` +
      'Find the workflow in ConsignO Cloud: either mark this envelope sent with its id, or send again (a second, separate workflow; delete the first in ConsignO Cloud).',
  });
}
