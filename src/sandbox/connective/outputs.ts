import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { apiUserOf } from './api-users.js';
import { buildAuditProof, type AuditFacts } from './audit-proof.js';
import type { ConnectiveContext } from './context.js';
import { refusals } from './errors.js';
import { currentPath } from './files.js';
import { actorsOf, fullName, type StoredPackage } from './model.js';
import { loadPackage } from './packages.js';
import { writeZip } from '../zip-archive.js';

/**
 * The download routes of a package (see files.ts for how it is signed). What a finished package yields (seed 001 "Download Package", "Download Document from Package",
 * "Package Audit Proof", "Add Proof from External Source"): the documents signed once per signer in
 * their own location (H2's signed-output.ts), a ZIP of them, and XML audit proofs signed by the
 * sandbox CA (audit-proof.ts).
 */

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

async function auditFacts(context: ConnectiveContext, pkg: StoredPackage): Promise<AuditFacts> {
  return {
    packageId: pkg.id,
    packageName: pkg.name,
    externalReference: pkg.externalReference,
    status: pkg.status,
    documents: await Promise.all(pkg.documents.map(async (document) => ({ documentId: document.id, name: document.name, sha256: await sha256(currentPath(context, document)) }))),
    actors: actorsOf(pkg).map(({ stakeholder, actor }) => ({ actorId: actor.id, type: actor.type, email: stakeholder.email, name: fullName(stakeholder), status: actor.status })),
    events: [
      ...pkg.events,
      ...pkg.proofs.map((proof) => ({
        at: proof.addedAt,
        type: `ExternalProof:${proof.type}`,
        actorId: null,
        detail: JSON.stringify({ name: proof.name, locationId: proof.locationId, description: proof.description, ipAddress: proof.ipAddress, content: proof.content }),
      })),
    ],
  };
}

function requireFinished(pkg: StoredPackage): void {
  if (pkg.status !== 'Finished') throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; audit proofs exist once it is Finished.`);
}

async function sendAuditProof(context: ConnectiveContext, reply: FastifyReply, pkg: StoredPackage, documentId?: string): Promise<FastifyReply> {
  requireFinished(pkg);
  if (documentId && !pkg.documents.some((document) => document.id === documentId)) throw refusals.documentNotFound(pkg.id, documentId);
  const xml = buildAuditProof(await auditFacts(context, pkg), await context.authority(), documentId ? { documentId } : {});
  return reply.type('application/xml; charset=utf-8').send(xml);
}

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w .()-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const pdfName = (name: string) => (/\.pdf$/i.test(name) ? name : `${name}.pdf`);

export function outputRoutes(context: ConnectiveContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/packages/:id/download', async (request, reply) => {
      const pkg = loadPackage(context, request, (request.params as { id: string }).id);
      if (pkg.documents.length === 0) throw refusals.invalidStatus(`Package ${pkg.id} has no document to download.`);
      const used = new Set<string>();
      const entries = await Promise.all(
        pkg.documents.map(async (document) => {
          let name = pdfName(document.name);
          for (let n = 2; used.has(name); n += 1) name = pdfName(`${document.name.replace(/\.pdf$/i, '')} (${n})`);
          used.add(name);
          return { name, bytes: await readFile(currentPath(context, document)) };
        }),
      );
      const zip = await writeZip(entries, context.now());
      return reply.type('application/zip').header('content-disposition', attachment(`${pkg.name}.zip`)).send(zip);
    });

    app.get('/packages/:id/download/:documentId', async (request, reply) => {
      const { id, documentId } = request.params as { id: string; documentId: string };
      const pkg = loadPackage(context, request, id);
      const document = pkg.documents.find((candidate) => candidate.id === documentId);
      if (!document) throw refusals.documentNotFound(id, documentId);
      return reply.type('application/pdf').header('content-disposition', attachment(pdfName(document.name))).send(createReadStream(currentPath(context, document)));
    });

    app.get('/packages/:id/auditproof/download', async (request, reply) =>
      sendAuditProof(context, reply, loadPackage(context, request, (request.params as { id: string }).id)),
    );
    app.get('/packages/:id/auditproof/download/:documentId', async (request, reply) => {
      const { id, documentId } = request.params as { id: string; documentId: string };
      return sendAuditProof(context, reply, loadPackage(context, request, id), documentId);
    });
    app.get('/packagecorrelations/:correlationId/auditproof/download', async (request, reply) => {
      const { correlationId } = request.params as { correlationId: string };
      const pkg = context.store.packageByCorrelation(apiUserOf(request), correlationId);
      if (!pkg) throw refusals.notFound(`No package has the correlation id ${correlationId}.`);
      return sendAuditProof(context, reply, loadPackage(context, request, pkg.id));
    });
    app.get('/documentcorrelations/:correlationId/auditproof/download', async (request, reply) => {
      const { correlationId } = request.params as { correlationId: string };
      const found = context.store.packageByDocumentCorrelation(apiUserOf(request), correlationId);
      const document = found?.documents.find((candidate) => candidate.correlationId === correlationId);
      if (!found || !document) throw refusals.notFound(`No document has the correlation id ${correlationId}.`);
      return sendAuditProof(context, reply, loadPackage(context, request, found.id), document.id);
    });

    app.post('/packages/:id/auditproof/proofs', async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = (name: string, required: boolean): string | null => {
        const value = body[name];
        if (value === undefined || value === null || value === '') {
          if (required) throw refusals.invalid(`${name} is required.`);
          return null;
        }
        if (typeof value !== 'string') throw refusals.invalid(`${name} must be a string.`);
        return value;
      };
      const proof = {
        content: text('Content', true)!,
        name: text('Name', true)!,
        type: text('Type', true)!,
        locationId: text('LocationId', false),
        description: text('Description', false),
        ipAddress: text('IpAddress', false),
      };
      await context.withPackageLock(id, async () => {
        const pkg = loadPackage(context, request, id);
        if (pkg.status === 'Revoked' || pkg.status === 'Expired' || pkg.status === 'Failed') {
          throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; proofs can no longer be added.`);
        }
        if (proof.locationId && !pkg.documents.some((document) => document.locations.some((location) => location.id === proof.locationId))) {
          throw refusals.invalid(`LocationId ${proof.locationId} is not a location of package ${pkg.id}.`);
        }
        pkg.proofs.push({ ...proof, addedAt: context.now().toISOString() });
        context.store.putPackage(pkg);
      });
      return reply.code(204).send();
    });
  };
}
