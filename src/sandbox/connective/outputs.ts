import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { apiUserOf } from './api-users.js';
import { buildAuditProof, type AuditFacts } from './audit-proof.js';
import type { ConnectiveContext } from './context.js';
import { refusals } from './errors.js';
import { actorsOf, fullName, type StoredDocument, type StoredPackage } from './model.js';
import { loadPackage } from './packages.js';
import { signDocument, type SignerMark } from './signed-output.js';
import { writeZip } from '../zip-archive.js';

/**
 * What a finished package yields (seed 001 "Download Package", "Download Document from Package",
 * "Package Audit Proof", "Add Proof from External Source"): the documents signed once per signer in
 * their own location (H2's signed-output.ts), a ZIP of them, and XML audit proofs signed by the
 * sandbox CA (audit-proof.ts).
 */

/** Absolute path of a stored file (paths in the package are relative to the store's files folder). */
export const filePath = (context: ConnectiveContext, relative: string) => join(context.store.filesDir, relative);
export const sourcePathFor = (packageId: string, documentId: string) => join(packageId, `${documentId}.pdf`);
const signedPathFor = (packageId: string, documentId: string) => join(packageId, `${documentId}.signed.pdf`);

/** The bytes a download serves: the signed document once there is one, else the source. */
export const currentPath = (context: ConnectiveContext, document: StoredDocument) => filePath(context, document.signedPath ?? document.sourcePath);

/**
 * Signs every document once per signer who signed it (a signer signs a document when one of its
 * locations is on it), each signature visible in the signer's first location there. Documents no
 * signer signed (everyone skipped) stay unsigned.
 */
export async function signDocuments(context: ConnectiveContext, pkg: StoredPackage): Promise<void> {
  const signers = actorsOf(pkg).filter(({ actor }) => actor.type === 'Signer' && actor.status === 'Finished');
  for (const document of pkg.documents) {
    const marks: SignerMark[] = [];
    for (const { stakeholder, actor } of signers) {
      const location = document.locations.find((candidate) => actor.locationIds.includes(candidate.id));
      if (!location) continue;
      marks.push({
        name: fullName(stakeholder) || stakeholder.email,
        email: stakeholder.email,
        signedAt: new Date(actor.completedAt ?? context.now().toISOString()),
        box: { page: location.pageNumber, left: location.left, top: location.top, width: location.width, height: location.height },
      });
    }
    if (marks.length === 0) continue;
    const signed = await signDocument(await readFile(filePath(context, document.sourcePath)), marks, {
      authority: await context.authority(),
      reason: `Signed in "${pkg.name}" (Connective sandbox)`,
    });
    const relative = signedPathFor(pkg.id, document.id);
    await mkdir(dirname(filePath(context, relative)), { recursive: true });
    await writeFile(filePath(context, relative), signed);
    document.signedPath = relative;
  }
}

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
