import type { Participant } from '../../domain/envelope.js';
import { CountersignError, NotFoundError, ValidationError, type FieldError } from '../../domain/errors.js';
import type { AuthenticationInput } from '../../domain/participant-options.js';
import { checkTemplateRoles, roleKeysFor, roleLabelFor, type RolePerson, type Template, type TemplateAuthentication, type TemplateRole } from '../../domain/templates.js';
import type { Db } from '../../store/database.js';
import { isEnvelopeVisible } from '../../store/envelopes.js';
import { newId } from '../../store/ids.js';
import * as store from '../../store/templates.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { checkDocumentIds, createEnvelope, getEnvelope, type AsPerson, type CreateEnvelopeInput, type CreationOptions, type EnvelopeWithHistory, type ParticipantInput } from '../envelopes/envelopes.js';
import type { Actor } from '../envelopes/history.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SaveAsTemplateInput {
  envelopeId: string;
  name: string;
}

/**
 * A template of an envelope in any status: its title, message, language, documents, each participant
 * as a role to fill (role, step, options and fields; never the person, their status or a secret's
 * answer) and its expiry as a number of days from its creation.
 */
export async function saveEnvelopeAsTemplate(context: AppContext, input: SaveAsTemplateInput, as: AsPerson = {}, apiRequest?: ActionRequest): Promise<Template> {
  // Someone else's private envelope is answered like a missing one, as everywhere else.
  if (as.viewer && !(await isEnvelopeVisible(context.db, input.envelopeId, as.viewer))) throw new NotFoundError('envelope', input.envelopeId);
  const envelope = await getEnvelope(context, input.envelopeId);
  const keys = roleKeysFor(envelope.participants.map((participant) => participant.role));
  const at = timestamp(context);
  const template: Template = {
    id: newId('tpl'),
    name: input.name,
    title: envelope.title,
    message: envelope.message,
    language: envelope.language,
    expiryDays: envelope.expiresAt === null ? null : Math.max(1, Math.ceil((Date.parse(envelope.expiresAt) - Date.parse(envelope.createdAt)) / DAY_MS)),
    documentIds: envelope.documents.map((document) => document.id),
    roles: envelope.participants.map((participant, index) => roleOf(participant, keys[index]!)),
    sourceEnvelopeId: envelope.id,
    createdBy: as.owner?.createdBy ?? null,
    createdAt: at,
    updatedAt: at,
  };
  // An envelope without a signer cannot be sent; neither could anything made from its template.
  const errors = checkTemplateRoles(template.roles, template.documentIds, 'roles').map((error) => ({
    path: 'envelopeId',
    message: `envelope ${envelope.id} cannot be a template: ${error.message}`,
  }));
  if (errors.length > 0) throw new ValidationError(errors);
  await context.db.transaction().execute(async (transaction) => {
    await store.insertTemplate(transaction, template);
    await recordActionIn(context, transaction, apiRequest, { id: template.id, name: template.name });
  });
  return template;
}

function roleOf(participant: Participant, key: string): TemplateRole {
  return {
    key,
    label: roleLabelFor(key),
    role: participant.role,
    step: participant.step,
    authentication: participant.authentication.map((method): TemplateAuthentication => (method.method === 'secret' ? { method: 'secret', question: method.question } : method)),
    signatureLevel: participant.signatureLevel,
    language: participant.language,
    delivery: participant.delivery,
    fields: participant.fields,
  };
}

export async function getTemplate(context: AppContext, id: string): Promise<Template> {
  const template = await store.findTemplate(context.db, id);
  if (!template) throw new NotFoundError('template', id);
  return template;
}

export function listTemplates(context: AppContext): Promise<Template[]> {
  return store.listTemplates(context.db);
}

export type UpdateTemplateInput = Partial<Pick<Template, 'name' | 'title' | 'message' | 'language' | 'expiryDays' | 'documentIds' | 'roles'>>;

/** Changes what is given; documents and roles are checked together, since a role's fields name documents. */
export async function updateTemplate(context: AppContext, id: string, input: UpdateTemplateInput, as: AsPerson = {}, apiRequest?: ActionRequest): Promise<Template> {
  const template = await getTemplate(context, id);
  const changed: Template = { ...template, ...input, updatedAt: timestamp(context) };
  const errors = [
    ...(input.documentIds !== undefined ? await checkDocumentIds(context.db, input.documentIds, 'documentIds', as.viewer) : []),
    ...(input.documentIds !== undefined || input.roles !== undefined ? checkTemplateRoles(changed.roles, changed.documentIds, 'roles') : []),
  ];
  if (errors.length > 0) throw new ValidationError(errors);
  await context.db.transaction().execute(async (transaction) => {
    await store.saveTemplate(transaction, changed);
    await recordActionIn(context, transaction, apiRequest, { name: changed.name });
  });
  return changed;
}

/** Deletes the template and its bulk sends' records; the envelopes made from it stay. */
export async function deleteTemplate(context: AppContext, id: string, apiRequest?: ActionRequest): Promise<void> {
  const template = await getTemplate(context, id);
  await context.db.transaction().execute(async (transaction) => {
    await store.deleteTemplateRow(transaction, id);
    await recordActionIn(context, transaction, apiRequest, { name: template.name });
  });
}

export interface FillTemplateInput {
  /** The person of each role, by the role's key. */
  people: Record<string, RolePerson>;
  /** The envelope's title; absent: the template's. */
  title?: string;
  /** The connection it goes through; absent or null: the default connection. */
  connectionId?: string | null;
  externalRef?: string | null;
  metadata?: Record<string, string> | null;
}

/**
 * An envelope made of the template with a person in each role, created exactly as POST
 * /api/v1/envelopes creates one (the same checks, against its connection's provider), its history
 * naming the template (`templateId`). A refusal names each bad value by where it was given:
 * `people.<role key>.<field>`. `options` are passed on to the create (see `createEnvelope`).
 */
export async function createEnvelopeFromTemplate(
  context: AppContext,
  template: Template,
  input: FillTemplateInput,
  actor: Actor,
  as: AsPerson = {},
  options: Omit<CreationOptions, 'origin'> = {},
): Promise<EnvelopeWithHistory> {
  const errors: FieldError[] = [];
  for (const key of Object.keys(input.people)) {
    if (!template.roles.some((role) => role.key === key)) errors.push({ path: `people.${key}`, message: `the template has no role ${key}; its roles are ${template.roles.map((role) => role.key).join(', ')}` });
  }
  const participants = template.roles.map((role) => {
    const person = input.people[role.key];
    if (!person) {
      errors.push({ path: `people.${role.key}`, message: `the role ${role.key} (${role.label}) needs a person: firstName, lastName and email` });
      return undefined;
    }
    return participantOf(role, person, errors);
  });
  if (errors.length > 0) throw new ValidationError(errors);
  const envelope: CreateEnvelopeInput = {
    title: input.title ?? template.title,
    message: template.message,
    language: template.language,
    connectionId: input.connectionId ?? null,
    documentIds: template.documentIds,
    participants: participants as ParticipantInput[],
    expiresAt: template.expiryDays === null ? null : new Date(context.now().getTime() + template.expiryDays * DAY_MS).toISOString(),
    externalRef: input.externalRef ?? null,
    metadata: input.metadata ?? null,
  };
  try {
    return await createEnvelope(context, envelope, actor, as, { ...options, origin: { templateId: template.id } });
  } catch (error) {
    if (!ValidationError.is(error)) throw error;
    // Paths, and messages that point at another participant ("already a signer at participants[0]").
    throw new ValidationError(error.errors.map((problem) => ({ path: pathInTemplate(problem.path, template), message: problem.message.replace(/participants\[\d+\]/g, (at) => pathInTemplate(at, template)) })));
  }
}

function participantOf(role: TemplateRole, person: RolePerson, errors: FieldError[]): ParticipantInput {
  const authentication = role.authentication.map((method): AuthenticationInput => {
    if (method.method !== 'secret') return method;
    if (!person.secretAnswer) errors.push({ path: `people.${role.key}.secretAnswer`, message: `the role ${role.key} proves who they are by answering "${method.question}": give the answer` });
    return { method: 'secret', question: method.question, answer: person.secretAnswer ?? '' };
  });
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    phone: person.phone ?? null,
    role: role.role,
    step: role.step,
    authentication,
    signatureLevel: role.signatureLevel,
    language: role.language,
    delivery: role.delivery,
    fields: role.fields,
  };
}

/** An envelope's field path as the template's filler gave it: `participants[1].phone` → `people.signer2.phone`. */
function pathInTemplate(path: string, template: Template): string {
  const match = /^participants\[(\d+)\](.*)$/.exec(path);
  const role = match ? template.roles[Number(match[1])] : undefined;
  if (match && role) return `people.${role.key}${match[2]}`;
  return path.replace(/^documentIds\[/, 'template.documentIds[');
}

/** A refusal's words for a bulk send's row: its detail and field errors, as the API would answer them. */
export function problemOf(error: unknown): { detail: string; errors: FieldError[] } | null {
  if (ValidationError.is(error)) return { detail: error.message, errors: error.errors };
  if (CountersignError.is(error)) return { detail: error.message, errors: [] };
  return null;
}
