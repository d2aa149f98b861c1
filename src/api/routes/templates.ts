import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import contentDisposition from 'content-disposition';
import type { AppContext } from '../../app/context.js';
import { ownershipOf, viewerOf } from '../../app/principal.js';
import { exampleBulkSendCsv, parseBulkSendCsv, peopleOfRow } from '../../app/templates/bulk-csv.js';
import { getEnvelope } from '../../app/envelopes/envelopes.js';
import { getBulkSend, listBulkSends, startBulkSend } from '../../app/templates/bulk-send.js';
import * as templates from '../../app/templates/templates.js';
import type { FieldError } from '../../domain/errors.js';
import { BULK_SEND_MAX_ROWS, type TemplateRole } from '../../domain/templates.js';
import { EnvelopeSchema, envelopeFields, IdParams } from '../schemas.js';
import { BulkSendSchema, FillTemplateSchema, RolePersonSchema, SaveTemplateSchema, StartBulkSendSchema, TemplateSchema, UpdateTemplateSchema } from '../template-schemas.js';
import { actorOf } from './actor.js';
import { NoContent, problemResponses } from './responses.js';
import { actionRequestOf } from '../auth.js';

const TemplateParams = IdParams('templateId', 'tpl');
const BulkSendParams = Type.Object({ ...TemplateParams.properties, ...IdParams('bulkSendId', 'bks').properties });

/**
 * Templates (docs/templates.md): saved from an envelope, edited, filled with people into envelopes
 * one at a time or one per row of a CSV (a bulk send, worked by a job).
 */
export const templateRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.get(
      '/templates',
      {
        schema: {
          summary: 'List templates, by name',
          tags: ['Templates'],
          response: { 200: Type.Object({ data: Type.Array(TemplateSchema) }), ...problemResponses(401) },
        },
      },
      async () => ({ data: await templates.listTemplates(context) }),
    );

    app.post(
      '/templates',
      {
        config: { idempotent: { status: 201, answer: (id) => templates.getTemplate(context, id) } },
        schema: {
          summary: 'Save an envelope as a template',
          description:
            'Any status. The template keeps the envelope’s title, message, language, documents, each participant as a role to fill (`signer1`, `signer2`, `receiver1`… with its step, options and fields; never the person, nor a secret’s answer) and its expiry as days from its creation. 422 when the envelope has no signer. Honours `Idempotency-Key`.',
          tags: ['Templates'],
          body: SaveTemplateSchema,
          response: { 201: TemplateSchema, ...problemResponses(400, 401, 404, 422) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await templates.saveEnvelopeAsTemplate(context, request.body, { owner: ownershipOf(request.principal), viewer: viewerOf(request.principal) }, actionRequestOf(request))),
    );

    app.get(
      '/templates/:templateId',
      { schema: { summary: 'Get a template', tags: ['Templates'], params: TemplateParams, response: { 200: TemplateSchema, ...problemResponses(401, 404) } } },
      async (request) => templates.getTemplate(context, request.params.templateId),
    );

    app.patch(
      '/templates/:templateId',
      {
        schema: {
          summary: 'Rename or change a template',
          description: '`roles`, when given, replaces them; role keys must differ, a signer is needed, and fields must be on the template’s documents (422 naming each).',
          tags: ['Templates'],
          params: TemplateParams,
          body: UpdateTemplateSchema,
          response: { 200: TemplateSchema, ...problemResponses(400, 401, 404, 422) },
        },
      },
      async (request) =>
        templates.updateTemplate(context, request.params.templateId, request.body as templates.UpdateTemplateInput, { viewer: viewerOf(request.principal) }, actionRequestOf(request)),
    );

    app.delete(
      '/templates/:templateId',
      {
        schema: {
          summary: 'Delete a template',
          description: 'With its bulk sends’ records; the envelopes made from it stay.',
          tags: ['Templates'],
          params: TemplateParams,
          response: { 204: NoContent, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        await templates.deleteTemplate(context, request.params.templateId, actionRequestOf(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/templates/:templateId/envelopes',
      {
        config: { idempotent: { status: 201, answer: (id) => getEnvelope(context, id) } },
        schema: {
          summary: 'Create an envelope from a template',
          description:
            'Each role filled with a person (`people`, by role key). Created exactly as POST /api/v1/envelopes creates one — the same checks, against the connection’s provider — and its history names the template (`templateId`). A refusal names the value as given: `people.signer1.phone`. Honours `Idempotency-Key`.',
          tags: ['Templates'],
          params: TemplateParams,
          body: FillTemplateSchema,
          response: { 201: EnvelopeSchema, ...problemResponses(400, 401, 404, 422) },
        },
      },
      async (request, reply) => {
        const template = await templates.getTemplate(context, request.params.templateId);
        const envelope = await templates.createEnvelopeFromTemplate(context, template, request.body, actorOf(request), {
          owner: ownershipOf(request.principal),
          viewer: viewerOf(request.principal),
        }, { apiRequest: actionRequestOf(request) });
        return reply.code(201).send(envelope);
      },
    );

    app.get(
      '/templates/:templateId/bulk-send.csv',
      {
        schema: {
          summary: 'An example CSV for a bulk send of the template',
          description: 'The template’s header (`<role key>.firstName`, `.lastName`, `.email`, and `.phone` or `.secretAnswer` where a role’s authentication needs them) and two example rows.',
          tags: ['Templates'],
          params: TemplateParams,
          response: { 200: { description: 'The CSV', content: { 'text/csv': { schema: Type.String() } } }, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const template = await templates.getTemplate(context, request.params.templateId);
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', contentDisposition(`${template.name}-bulk-send.csv`))
          .send(exampleBulkSendCsv(template.roles));
      },
    );

    app.post(
      '/templates/:templateId/bulk-sends',
      {
        config: { idempotent: { status: 202, answer: (id, request) => getBulkSend(context, (request.params as { templateId: string }).templateId, id) } },
        schema: {
          summary: 'Send the template to each row of a CSV',
          description: `One envelope per row (at most ${BULK_SEND_MAX_ROWS}), created and sent by a job: 202 with the bulk send; follow it at GET …/bulk-sends/{bulkSendId}. A CSV that cannot be read, lacks a role's column or has too many rows is refused whole (422 naming it); a row whose values are wrong, or whose envelope is refused, fails alone with the refusal's words while the others go. Honours \`Idempotency-Key\`.`,
          tags: ['Templates'],
          params: TemplateParams,
          body: StartBulkSendSchema,
          response: { 202: BulkSendSchema, ...problemResponses(400, 401, 404, 422) },
        },
      },
      async (request, reply) => {
        const template = await templates.getTemplate(context, request.params.templateId);
        const rows = parseBulkSendCsv(request.body.csv, template.roles);
        const checkRow = await rowChecker();
        const checked = rows.map((row) => ({ ...row, errors: checkRow(row.cells, template.roles) }));
        const bulkSend = await startBulkSend(context, template, checked, { connectionId: request.body.connectionId }, actorOf(request), {
          owner: ownershipOf(request.principal),
          viewer: viewerOf(request.principal),
        }, actionRequestOf(request));
        return reply.code(202).send(bulkSend);
      },
    );

    app.get(
      '/templates/:templateId/bulk-sends',
      {
        schema: {
          summary: 'A template’s bulk sends, newest first, with their counts',
          tags: ['Templates'],
          params: TemplateParams,
          response: { 200: Type.Object({ data: Type.Array(BulkSendSchema) }), ...problemResponses(401, 404) },
        },
      },
      async (request) => ({ data: await listBulkSends(context, request.params.templateId, viewerOf(request.principal)) }),
    );

    app.get(
      '/templates/:templateId/bulk-sends/:bulkSendId',
      {
        schema: {
          summary: 'A bulk send with each row’s result',
          description: 'Each row: `sent` with its envelope (whose own status says how the provider took it), or `failed` with the refusal’s `detail` and `errors`; `pending` and `created` while the job works.',
          tags: ['Templates'],
          params: BulkSendParams,
          response: { 200: BulkSendSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => getBulkSend(context, request.params.templateId, request.params.bulkSendId, viewerOf(request.principal)),
    );
  };

/**
 * The edge's check of each row's values, by the schemas of POST …/envelopes's `people`, `title` and
 * `externalRef`: what it finds fails that row alone, named by its CSV column (`signer1.email`). The
 * compiler is loaded at the first bulk send, not at start (test/architecture/start-imports.test.ts).
 */
async function rowChecker(): Promise<(cells: Record<string, string>, roles: readonly TemplateRole[]) => FieldError[]> {
  const { Compile } = await import('typebox/compile');
  const person = Compile(RolePersonSchema);
  const envelope = Compile(RowEnvelopeSchema);
  const problems = (checked: object, errors: Iterable<{ instancePath: string; params: unknown }>, prefix: string) => {
    // One problem per field; of a union's (a nullable value's) several, the one that states a limit.
    const byField = new Map<string, unknown>();
    for (const error of errors) {
      const field = error.instancePath.replace(/^\//, '') || (error.params as { requiredProperties?: string[] }).requiredProperties?.[0] || '';
      if (!byField.has(field) || (error.params as { limit?: number }).limit !== undefined) byField.set(field, error.params);
    }
    return [...byField].map(([field, params]) => ({ path: `${prefix}${field}`, message: describeCell(field, (checked as Record<string, unknown>)[field], params) }));
  };
  return (cells, roles) => [
    ...Object.entries(peopleOfRow(cells, roles)).flatMap(([key, values]) => problems(values, person.Errors(values), `${key}.`)),
    ...problems(cells, envelope.Errors({ title: cells.title, externalRef: cells.externalRef }), ''),
  ];
}

/** A row's own envelope columns, as an envelope takes them. */
const RowEnvelopeSchema = Type.Object({ title: Type.Optional(envelopeFields.title), externalRef: envelopeFields.externalRef });

function describeCell(field: string, value: unknown, params: unknown): string {
  if (value === '' || value === undefined) return 'is empty; every row needs it';
  if (field === 'email') return `"${String(value)}" is not an email address`;
  if (field === 'phone') return `"${String(value)}" is not a phone number in international form (E.164), e.g. +48722722722`;
  const limit = (params as { limit?: number }).limit;
  // Never the value itself: it may be a secret answer.
  return limit === undefined ? 'is not a value this column takes' : `is too long: at most ${limit} characters`;
}
