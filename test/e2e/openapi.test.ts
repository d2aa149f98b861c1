import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

describe('OpenAPI', () => {
  it('describes every operation with the schemas that validate requests', async () => {
    const response = await apiClient(server.url, undefined).get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const spec = response.body;
    expect(spec.openapi).toBe('3.1.0');
    const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /api/v1/documents',
        'GET /api/v1/documents',
        'GET /api/v1/documents/{documentId}',
        'GET /api/v1/documents/{documentId}/content',
        'DELETE /api/v1/documents/{documentId}',
        'POST /api/v1/envelopes',
        'GET /api/v1/envelopes',
        'GET /api/v1/envelopes/{envelopeId}',
        'PATCH /api/v1/envelopes/{envelopeId}',
        'DELETE /api/v1/envelopes/{envelopeId}',
        'POST /api/v1/envelopes/{envelopeId}/clone',
        'POST /api/v1/envelopes/{envelopeId}/participants',
        'PATCH /api/v1/envelopes/{envelopeId}/participants/{participantId}',
        'DELETE /api/v1/envelopes/{envelopeId}/participants/{participantId}',
        'POST /api/v1/keys',
        'GET /api/v1/keys',
        'POST /api/v1/keys/{keyId}/revoke',
      ]),
    );
    const create = spec.paths['/api/v1/envelopes'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['title', 'documentIds', 'participants']));
    expect(body.properties.participants.items.properties.role.enum).toEqual(['signer', 'approver', 'viewer', 'receiver']);
    expect(create.responses['422'].content['application/problem+json'].schema.properties.errors).toBeDefined();
    // The upload reads its body as a stream, unvalidated, and the document still says what to send.
    const upload = spec.paths['/api/v1/documents'].post.requestBody.content['multipart/form-data'].schema;
    expect(upload).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
  });

  it('serves a readable reference page and problem type descriptions', async () => {
    const docs = await fetch(new URL('/api/v1/docs', server.url));
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
    const problem = await fetch(new URL('/api/v1/problems/invalid-state', server.url));
    expect(problem.status).toBe(200);
    expect(await problem.text()).toContain('Not allowed in the current status');
  });
});
