import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutboundRefusedError } from '../../net/outbound-guard.js';
import { zonesFromAnchors, type AnchorSpec, type Zone } from './anchors.js';
import type { ConsignoContext } from './context.js';
import { refusals } from './errors.js';
import {
  asArray,
  asObject,
  checkEmail,
  checkUrl,
  expiryOf,
  optionalBoolean,
  optionalNumber,
  optionalRef,
  optionalText,
  requiredText,
  type Body,
} from './fields.js';
import { keepDocument } from './documents.js';
import { filePath, incomingPath, newId } from './files.js';
import {
  WORKFLOW_STATUS,
  type Amr,
  type ApiUserRecord,
  type SignerType,
  type StoredAction,
  type StoredDocument,
  type StoredWorkflow,
  type UploadedDocument,
} from './model.js';

/**
 * `POST /workflows` read into a workflow (seed 002 "/workflows" and the reference facts): documents by
 * id or inline (base64), zones by coordinates (units of 1/72 in from the top-left, 165×37 by default)
 * or by anchors found in the text, actions in steps, notifications, webhooks; and, for `status: 1`,
 * the launch checks of the seed (zones, AMR, embedded mode).
 */

const SIGNER_TYPES: SignerType[] = ['esig', 'certifio', 'certifiocloud', 'approver', 'freezone'];
const AMRS: Amr[] = ['link', 'sms', 'call', 'secret'];
export const DEFAULT_ZONE = { width: 165, height: 37 };

function readAction(raw: unknown, index: number): StoredAction {
  const at = `actions[${index}]`;
  const body = asObject(raw, at);
  const mode = optionalText(body, 'mode', `${at}.mode`) ?? 'remote';
  if (mode !== 'remote' && mode !== 'embedded') throw refusals.invalid(`${at}.mode must be "remote" or "embedded".`, `${at}.mode`);
  const stepNumber = optionalNumber(body, 'step', `${at}.step`);
  if (stepNumber !== null && (!Number.isInteger(stepNumber) || stepNumber < 1)) throw refusals.invalid(`${at}.step must be a positive integer.`, `${at}.step`);
  const signer = asObject(body.signer, `${at}.signer`);
  const sp = `${at}.signer`;
  const type = requiredText(signer, 'type', `${sp}.type`) as SignerType;
  if (!SIGNER_TYPES.includes(type)) throw refusals.invalid(`${sp}.type must be one of ${SIGNER_TYPES.join(', ')}; got ${JSON.stringify(type)}.`, `${sp}.type`);
  const amr = asArray(signer.amr, `${sp}.amr`).map((value) => {
    if (typeof value !== 'string' || !AMRS.includes(value as Amr)) {
      throw refusals.invalid(`${sp}.amr: ${JSON.stringify(value)} is not an authentication method the sandbox emulates (link, sms, call, secret).`, `${sp}.amr`);
    }
    return value as Amr;
  });
  const lang = optionalText(signer, 'lang', `${sp}.lang`) ?? 'en';
  if (lang !== 'en' && lang !== 'fr') throw refusals.invalid(`${sp}.lang must be "en" or "fr".`, `${sp}.lang`);
  const returnUrl = optionalText(body, 'returnUrl', `${at}.returnUrl`);
  return {
    id: newId(),
    ref: optionalRef(body, 'ref', `${at}.ref`),
    step: stepNumber ?? index + 1,
    mode,
    returnUrl: returnUrl === null ? null : checkUrl(returnUrl, `${at}.returnUrl`),
    zoneLabel: optionalText(body, 'zoneLabel', `${at}.zoneLabel`),
    signer: {
      type,
      firstName: requiredText(signer, 'firstName', `${sp}.firstName`),
      lastName: requiredText(signer, 'lastName', `${sp}.lastName`),
      email: checkEmail(requiredText(signer, 'email', `${sp}.email`), `${sp}.email`),
      phone: optionalText(signer, 'phone', `${sp}.phone`),
      amr: [...new Set(amr)],
      lang,
      clientUserId: optionalText(signer, 'clientUserId', `${sp}.clientUserId`),
      ref: optionalRef(signer, 'ref', `${sp}.ref`),
      secretQuestion: optionalText(signer, 'secretQuestion', `${sp}.secretQuestion`),
      secretAnswer: optionalText(signer, 'secretAnswer', `${sp}.secretAnswer`),
    },
    status: 'NOT_STARTED',
    statusDate: 0,
    secondFactorUsed: [],
    declineReason: null,
    token: randomBytes(24).toString('base64url'),
    factorPassed: null,
    otp: null,
    completedAt: null,
  };
}

function readNotification(raw: unknown, index: number): StoredWorkflow['notifications'][number] {
  const at = `notifications[${index}]`;
  const body = asObject(raw, at);
  if (typeof body.contact === 'string') return { contact: { firstName: null, lastName: null, email: checkEmail(body.contact, `${at}.contact`), phone: null, lang: null } };
  const contact = asObject(body.contact, `${at}.contact`);
  return {
    contact: {
      firstName: optionalText(contact, 'firstName', `${at}.contact.firstName`),
      lastName: optionalText(contact, 'lastName', `${at}.contact.lastName`),
      email: checkEmail(requiredText(contact, 'email', `${at}.contact.email`), `${at}.contact.email`),
      phone: optionalText(contact, 'phone', `${at}.contact.phone`),
      lang: optionalText(contact, 'lang', `${at}.contact.lang`),
    },
  };
}

function readZones(raw: unknown, at: string, pages: number): Zone[] {
  return asArray(raw, `${at}.fields`).map((value, index) => {
    const path = `${at}.fields[${index}]`;
    const field = asObject(value, path);
    const number = (name: string, fallback?: number) => {
      const read = optionalNumber(field, name, `${path}.${name}`);
      if (read === null && fallback === undefined) throw refusals.invalid(`${path}.${name} is required.`, `${path}.${name}`);
      return read ?? fallback!;
    };
    const page = number('page');
    if (!Number.isInteger(page) || page < 1 || page > pages) throw refusals.invalid(`${path}.page ${page} is not a page of the document (it has ${pages}).`, `${path}.page`);
    const zone = { page, x: number('x'), y: number('y'), width: number('width', DEFAULT_ZONE.width), height: number('height', DEFAULT_ZONE.height) };
    if (zone.x < 0 || zone.y < 0 || zone.width <= 0 || zone.height <= 0) throw refusals.invalid(`${path}: x and y must be 0 or more, width and height more than 0.`, path);
    const assignedTo = optionalRef(field, 'assignedTo', `${path}.assignedTo`);
    if (assignedTo === null) throw refusals.invalid(`${path}.assignedTo is required: the ref of the signer (or action) the zone is for.`, `${path}.assignedTo`);
    return { ...zone, assignedTo };
  });
}

function readAnchors(raw: unknown, at: string): AnchorSpec[] {
  return asArray(raw, `${at}.anchors`).map((value, index) => {
    const path = `${at}.anchors[${index}]`;
    const anchor = asObject(value, path);
    const assignedTo = optionalRef(anchor, 'assignedTo', `${path}.assignedTo`);
    if (assignedTo === null) throw refusals.invalid(`${path}.assignedTo is required.`, `${path}.assignedTo`);
    const spec: AnchorSpec = { tag: requiredText(anchor, 'tag', `${path}.tag`), assignedTo };
    for (const name of ['xOffset', 'yOffset', 'width', 'height', 'page'] as const) {
      const read = optionalNumber(anchor, name, `${path}.${name}`);
      if (read !== null) spec[name] = read;
    }
    const skip = optionalBoolean(anchor, 'skipIfNotFound', `${path}.skipIfNotFound`);
    if (skip !== null) spec.skipIfNotFound = skip;
    return spec;
  });
}

/** The zones that belong to an action: `assignedTo` names its signer's ref or its own ref. */
export const zonesOf = (action: StoredAction, zones: Zone[]) =>
  zones.filter((zone) => (action.signer.ref !== null && zone.assignedTo === action.signer.ref) || (action.ref !== null && zone.assignedTo === action.ref));

/** The launch checks of seed 002 (AMR, zones, embedded mode); each refusal names the member to fix. */
export function checkLaunchable(workflow: StoredWorkflow, owner: ApiUserRecord): void {
  if (workflow.actions.length === 0) throw refusals.invalid('A workflow needs at least one action (signer) to be launched.', 'actions');
  if (workflow.documents.length === 0) throw refusals.invalid('A workflow needs at least one document to be launched.', 'documents');
  const zones = workflow.documents.flatMap((document) => document.zones);
  workflow.actions.forEach((action, index) => {
    const at = `actions[${index}]`;
    const { signer } = action;
    const has = (amr: Amr) => signer.amr.includes(amr);
    if (signer.type !== 'approver' && zonesOf(action, zones).length === 0) {
      throw refusals.invalid(
        `${signer.email} (${signer.type}) has no zone: give a document field or anchor whose assignedTo is this signer's ref (or the action's ref).`,
        `${at}.signer.ref`,
      );
    }
    if (!has('link')) throw refusals.invalid(`${at}.signer.amr must contain "link" (the email or the returnUrl).`, `${at}.signer.amr`);
    if (owner.secondFactorRequired && !has('sms') && !has('call') && !has('secret')) {
      throw refusals.invalid(`${at}.signer.amr needs a second factor besides "link": "sms", "call" or "secret" (two factors are required for this organisation).`, `${at}.signer.amr`);
    }
    if ((has('sms') || has('call')) && !signer.phone) throw refusals.invalid(`${at}.signer.phone is required for the "sms" and "call" methods.`, `${at}.signer.phone`);
    if (has('secret') && !signer.secretQuestion) throw refusals.invalid(`${at}.signer.secretQuestion is required for the "secret" method.`, `${at}.signer.secretQuestion`);
    if (has('secret') && !signer.secretAnswer) throw refusals.invalid(`${at}.signer.secretAnswer is required for the "secret" method.`, `${at}.signer.secretAnswer`);
    if (action.mode === 'embedded') {
      if (!action.returnUrl) throw refusals.invalid(`${at}.returnUrl is required for an embedded signer: the signing page returns there.`, `${at}.returnUrl`);
      if (has('secret')) throw refusals.invalid(`${at}.signer.amr: "secret" cannot be used by an embedded signer.`, `${at}.signer.amr`);
      if (workflow.actions.some((other) => other !== action && other.step === action.step)) {
        throw refusals.invalid(`${at}: an embedded signer cannot share its step (${action.step}) with another action.`, `${at}.step`);
      }
    }
  });
  for (const zone of zones) {
    if (!workflow.actions.some((action) => zonesOf(action, [zone]).length > 0)) {
      throw refusals.invalid(`A zone is assigned to ${JSON.stringify(zone.assignedTo)}, which is no action's ref nor signer's ref.`, 'documents');
    }
  }
}

/** Everything `POST /workflows` says but the documents, read and checked (no file touched). */
export function readWorkflowBody(context: ConsignoContext, body: Body, owner: ApiUserRecord) {
  const name = requiredText(body, 'name', 'name');
  const expiresOn = expiryOf(body, 'expiresOn');
  if (expiresOn !== null && expiresOn <= context.now().getTime()) throw refusals.invalid(`expiresOn is not in the future.`, 'expiresOn');
  const pdfaPolicy = optionalNumber(body, 'pdfaPolicy', 'pdfaPolicy') ?? 0;
  if (![0, 1, 2].includes(pdfaPolicy)) throw refusals.invalid('pdfaPolicy must be 0 (none), 1 (preferred) or 2 (mandatory).', 'pdfaPolicy');
  const status = optionalNumber(body, 'status', 'status') ?? 0;
  if (status !== 0 && status !== 1) throw refusals.invalid('status must be 0 (create) or 1 (create and launch).', 'status');
  const returnUrl = optionalText(body, 'returnUrl', 'returnUrl');
  const webhooks = asArray(body.webhooks, 'webhooks').map((raw, index) => {
    const hook = asObject(raw, `webhooks[${index}]`);
    const url = checkUrl(requiredText(hook, 'url', `webhooks[${index}].url`), `webhooks[${index}].url`);
    try {
      context.webhooks.checkUrl(url);
    } catch (error) {
      const refused = OutboundRefusedError.find(error);
      throw refusals.invalid(`webhooks[${index}].url ${refused ? refused.message : 'is not a URL the sandbox can call'}.`, `webhooks[${index}].url`);
    }
    return { url, insecure: optionalBoolean(hook, 'insecure', `webhooks[${index}].insecure`) ?? false };
  });
  const actions = asArray(body.actions, 'actions').map(readAction);
  const embedded = actions.findIndex((action) => action.mode === 'embedded');
  if (embedded >= 0 && !owner.embeddedAllowed) {
    throw refusals.forbidden(`actions[${embedded}].mode "embedded" is not enabled for this organisation (Notarius enables it per tenant); use "remote".`);
  }
  return {
    name,
    expiresOn,
    pdfaPolicy,
    status,
    returnUrl: returnUrl === null ? null : checkUrl(returnUrl, 'returnUrl'),
    workflowOwnerEmailsEnabled: optionalBoolean(body, 'workflowOwnerEmailsEnabled', 'workflowOwnerEmailsEnabled') ?? webhooks.length === 0,
    notifications: asArray(body.notifications, 'notifications').map(readNotification),
    webhooks,
    actions,
  };
}

/**
 * The documents of `POST /workflows`: each by id (the caller's, not yet assigned) or inline (base64,
 * written to a file and checked like an upload), with its zones. `created` collects the inline files
 * stored, so that the caller removes them if the create fails later.
 */
export async function readDocuments(
  context: ConsignoContext,
  body: Body,
  owner: string,
  created: UploadedDocument[],
): Promise<{ documents: StoredDocument[]; taken: UploadedDocument[] }> {
  const taken: UploadedDocument[] = [];
  const documents: StoredDocument[] = [];
  const raw = asArray(body.documents, 'documents');
  for (const [index, value] of raw.entries()) {
    const at = `documents[${index}]`;
    const entry = asObject(value, at);
    const documentId = optionalText(entry, 'documentId', `${at}.documentId`);
    let uploaded: UploadedDocument;
    if (documentId !== null) {
      const found = context.store.getDocument(documentId);
      if (!found || found.owner !== owner) throw refusals.notFound(`No document ${documentId} for this user: upload it with POST /documents first.`, documentId);
      if (found.workflowId !== null || taken.some((document) => document.id === documentId)) {
        throw refusals.conflict(`Document ${documentId} is already assigned to a workflow; a document serves one workflow only (upload it again).`, { documentId });
      }
      uploaded = found;
      taken.push(found);
    } else {
      const data = optionalText(entry, 'data', `${at}.data`);
      if (data === null) throw refusals.invalid(`${at} needs either documentId (from POST /documents) or name and data (the PDF in base64).`, at);
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > context.maxFileBytes) throw refusals.tooLarge(`${at}.data is larger than the sandbox's limit of ${context.maxFileBytes} bytes.`);
      const temporary = incomingPath();
      await mkdir(dirname(filePath(context, temporary)), { recursive: true });
      await writeFile(filePath(context, temporary), bytes);
      uploaded = await keepDocument(context, temporary, { owner, name: requiredText(entry, 'name', `${at}.name`), pdfa: false, field: `${at}.data` });
      created.push(uploaded);
    }
    const zones = readZones(entry.fields, at, uploaded.pages);
    const anchors = readAnchors(entry.anchors, at);
    if (anchors.length > 0) {
      const found = await zonesFromAnchors(filePath(context, uploaded.path), anchors);
      if (found.missing.length > 0) {
        const tag = found.missing[0]!;
        const anchorIndex = anchors.findIndex((anchor) => anchor.tag === tag);
        throw refusals.invalid(`The anchor tag ${JSON.stringify(tag)} does not occur in ${uploaded.name}${anchors[anchorIndex]?.page ? ` on page ${anchors[anchorIndex]!.page}` : ''}; fix the tag or set skipIfNotFound.`, `${at}.anchors[${anchorIndex}].tag`);
      }
      zones.push(...found.zones);
    }
    const name = optionalText(entry, 'name', `${at}.name`) ?? uploaded.name;
    documents.push({ documentId: uploaded.id, originalDocumentId: uploaded.id, name, pages: uploaded.pages, sourcePath: uploaded.path, currentPath: uploaded.path, zones });
  }
  return { documents, taken };
}

/** Removes the files of inline documents stored by a create that then failed. */
export async function discard(context: ConsignoContext, created: UploadedDocument[]): Promise<void> {
  await Promise.all(created.map((document) => rm(filePath(context, document.path), { force: true })));
}

export const newWorkflowId = newId;
export { WORKFLOW_STATUS };
