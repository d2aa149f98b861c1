import { rm } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import { apiUserOf } from './api-users.js';
import type { ConnectiveContext } from './context.js';
import { installUploadParser, locationView, receiveDocument, storeDocument } from './documents.js';
import { refusals } from './errors.js';
import { asObject, requiredText, optionalText, type Body } from './fields.js';
import { filePath } from './files.js';
import { newPackage } from './packages.js';
import { placeSigners, readStakeholders } from './process.js';
import { packageStatusView } from './views.js';
import { notify, startPackage } from './workflow.js';

/**
 * Create Instant Package (seed 001): one document, its stakeholders and their SigningFields in a single
 * call, and the package Pending at once. Each actor's SigningFields become its locations.
 */
export function instantRoutes(context: ConnectiveContext): FastifyPluginAsync {
  return async (app) => {
    installUploadParser(app, context);
    app.post('/packages/instant', async (request, reply) => {
      const received = await receiveDocument(context, request);
      const { fields } = received;
      let pkg;
      try {
        pkg = newPackage(context, apiUserOf(request), fields, optionalText(fields, 'PackageName') ?? requiredText(fields, 'DocumentName'));
        if (!Array.isArray(fields.Stakeholders) || fields.Stakeholders.length === 0) throw refusals.invalid('Stakeholders must be a non-empty array.');
      } catch (error) {
        await rm(received.path, { force: true });
        throw error;
      }
      // All actors' SigningFields, in order, become the document's locations; each actor keeps its own.
      const stakeholders = fields.Stakeholders.map((stakeholder, index) => asObject(stakeholder, `Stakeholders[${index}]`));
      const owners: Body[] = [];
      const signingFields: unknown[] = [];
      for (const stakeholder of stakeholders) {
        for (const actor of Array.isArray(stakeholder.Actors) ? stakeholder.Actors : []) {
          const body = asObject(actor, 'Actor');
          for (const field of Array.isArray(body.SigningFields) ? body.SigningFields : []) {
            signingFields.push(field);
            owners.push(body);
          }
        }
      }
      const document = await storeDocument(context, pkg.id, { ...received, fields: { ...fields, SigningFields: signingFields } });
      try {
        document.locations.forEach((location, index) => {
          const owner = owners[index]!;
          owner.LocationIds = [...((owner.LocationIds as string[] | undefined) ?? []), location.id];
        });
        pkg.documents.push(document);
        const actors = readStakeholders(stakeholders, new Set(document.locations.map((location) => location.id)));
        placeSigners(pkg, actors);
        pkg.stakeholders = actors;
        startPackage(context, pkg);
      } catch (error) {
        await rm(filePath(context, document.sourcePath), { force: true });
        throw error;
      }
      context.store.insertPackage(pkg);
      notify(context, pkg, null);
      const status = packageStatusView(context, request, pkg);
      return reply.code(201).send({
        PackageId: pkg.id,
        ...status,
        PackageDocuments: status.PackageDocuments.map((view, index) => ({ ...view, Locations: pkg.documents[index]!.locations.map(locationView) })),
      });
    });
  };
}
