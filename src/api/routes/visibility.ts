import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { setDocumentVisibility, setEnvelopeVisibility } from '../../app/sharing.js';
import { IdParams, SetVisibilitySchema, VisibilitySchema } from '../schemas.js';
import { problemResponses } from './responses.js';

const VisibilityResult = Type.Object({ id: Type.String(), visibility: VisibilitySchema });
const DESCRIPTION =
  '`private`: seen by its creator and by admins and owners. `shared`: seen (and worked on) by every member and viewer too. Only its creator or an admin may change it.';

/** Who sees an envelope or document besides its creator and the admins. */
export const visibilityRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.put(
      '/envelopes/:envelopeId/visibility',
      {
        schema: {
          summary: 'Share an envelope with everyone, or make it private',
          description: DESCRIPTION,
          tags: ['Envelopes'],
          params: IdParams('envelopeId', 'env'),
          body: SetVisibilitySchema,
          response: { 200: VisibilityResult, ...problemResponses(400, 401, 404) },
        },
      },
      async (request) => setEnvelopeVisibility(context, request.principal, request.params.envelopeId, request.body.visibility),
    );

    app.put(
      '/documents/:documentId/visibility',
      {
        schema: {
          summary: 'Share a document with everyone, or make it private',
          description: DESCRIPTION,
          tags: ['Documents'],
          params: IdParams('documentId', 'doc'),
          body: SetVisibilitySchema,
          response: { 200: VisibilityResult, ...problemResponses(400, 401, 404) },
        },
      },
      async (request) => setDocumentVisibility(context, request.principal, request.params.documentId, request.body.visibility),
    );
  };
