import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import contentDisposition from 'content-disposition';
import type { AppContext } from '../../app/context.js';
import { listArtifacts, openArtifact } from '../../app/envelopes/artifacts.js';
import { openArtifactsZip } from '../../app/envelopes/artifacts-zip.js';
import { renderCertificatePage } from '../../app/envelopes/certificate-page.js';
import { completionCertificate } from '../../app/envelopes/certificate.js';
import { ArtifactSchema, IdParams } from '../schemas.js';
import { FileContent, problemResponses } from './responses.js';

const EnvelopeParams = IdParams('envelopeId', 'env');

/** A file answer of one media type, for the OpenAPI document (the handler streams it; nothing is serialised). */
const fileOf = (mediaType: string, description: string) => ({ description, content: { [mediaType]: { schema: { ...FileContent, description } } } });

/**
 * What a completed envelope leaves behind: the signed files and audit proof archived from the
 * provider (named by src/domain/artifact-names.ts), all of them as one ZIP, and the completion
 * certificate. The same access as the envelope itself (envelopes:read, and only an envelope the
 * principal sees: src/api/auth.ts).
 */
export const artifactRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.get(
      '/envelopes/:envelopeId/artifacts',
      {
        schema: {
          summary: 'Signed documents and audit proofs fetched from the provider',
          description:
            'Named for people: a signed document `<original name without extension>-signed.pdf` with `documentId` its original (when the provider’s answer ties them), an audit proof `<envelope title>-audit-proof.<format>` (XML from Connective, PDF from ConsignO). Names are unique within the envelope.',
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 200: Type.Object({ data: Type.Array(ArtifactSchema) }), ...problemResponses(401, 404) },
        },
      },
      async (request) => ({ data: await listArtifacts(context, request.params.envelopeId) }),
    );

    app.get(
      '/envelopes/:envelopeId/artifacts/:artifactId/content',
      {
        schema: {
          summary: 'Download a signed document or audit proof',
          description: 'Saved under the listed `filename` (Content-Disposition with an RFC 5987 `filename*` for names beyond ASCII).',
          tags: ['Envelope lifecycle'],
          params: Type.Object({ ...EnvelopeParams.properties, ...IdParams('artifactId', 'art').properties }),
          response: { 200: FileContent, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const artifact = await openArtifact(context, request.params.envelopeId, request.params.artifactId);
        return reply
          .type(artifact.mediaType)
          .header('Content-Length', artifact.size)
          .header('Content-Disposition', contentDisposition(artifact.filename))
          .header('X-Content-Type-Options', 'nosniff')
          .send(artifact.content);
      },
    );

    app.get(
      '/envelopes/:envelopeId/artifacts.zip',
      {
        schema: {
          summary: 'Download every signed document, the audit proof and the completion certificate as one ZIP',
          description:
            'Streamed as it is written. The entries are named as GET …/artifacts lists them, plus `<envelope title>-completion-certificate.html`; the ZIP is `<envelope title>-signed-files.zip`. 409 while the envelope is not completed or its signed files are not archived yet (`archive.status`).',
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 200: fileOf('application/zip', 'The ZIP, streamed'), ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => {
        const zip = await openArtifactsZip(context, request.params.envelopeId);
        if (zip.size !== null) reply.header('Content-Length', zip.size);
        return reply
          .type('application/zip')
          .header('Content-Disposition', contentDisposition(zip.filename))
          .header('X-Content-Type-Options', 'nosniff')
          .send(zip.stream);
      },
    );

    app.get(
      '/envelopes/:envelopeId/certificate',
      {
        schema: {
          summary: 'The completion certificate: who signed, when, how they were identified, and the documents’ SHA-256',
          description:
            'A printable HTML page (print it to PDF from a browser) for every provider: the envelope and the provider’s reference; each participant’s role, outcome and its time, the identity checks the envelope asked for, the provider’s reference of them; each document’s original and signed SHA-256; the audit proof where the provider has one. 409 before the envelope is completed.',
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 200: { description: 'An HTML page', content: { 'text/html': { schema: Type.String() } } }, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => {
        const page = renderCertificatePage(await completionCertificate(context, request.params.envelopeId));
        // It names people and hashes: no shared cache keeps it.
        return reply.header('Cache-Control', 'private, no-store').type('text/html; charset=utf-8').send(page);
      },
    );
  };
