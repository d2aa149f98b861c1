import type { Template, TemplateRole } from '../domain/templates.js';
import type { Db } from './database.js';
import type { TemplatesTable } from './schema.js';

function toTemplate(row: TemplatesTable): Template {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    message: row.message,
    language: row.language,
    expiryDays: row.expiry_days,
    documentIds: JSON.parse(row.document_ids) as string[],
    roles: JSON.parse(row.roles) as TemplateRole[],
    sourceEnvelopeId: row.source_envelope_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(template: Template): TemplatesTable {
  return {
    id: template.id,
    name: template.name,
    title: template.title,
    message: template.message,
    language: template.language,
    expiry_days: template.expiryDays,
    document_ids: JSON.stringify(template.documentIds),
    roles: JSON.stringify(template.roles),
    source_envelope_id: template.sourceEnvelopeId,
    created_by: template.createdBy,
    created_at: template.createdAt,
    updated_at: template.updatedAt,
  };
}

export async function insertTemplate(db: Db, template: Template): Promise<void> {
  await db.insertInto('templates').values(toRow(template)).execute();
}

/** Writes every column of the template but its id, origin and creation. */
export async function saveTemplate(db: Db, template: Template): Promise<void> {
  const { id: _id, created_at: _created, created_by: _by, source_envelope_id: _source, ...changes } = toRow(template);
  await db.updateTable('templates').set(changes).where('id', '=', template.id).execute();
}

export async function findTemplate(db: Db, id: string): Promise<Template | undefined> {
  const row = await db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTemplate(row);
}

/** By name as people read it, then oldest first. */
export async function listTemplates(db: Db): Promise<Template[]> {
  const rows = await db.selectFrom('templates').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toTemplate);
}

/** Deletes the template with its bulk sends and their rows (the envelopes they made stay). */
export async function deleteTemplateRow(db: Db, id: string): Promise<void> {
  const bulkSends = db.selectFrom('bulk_sends').select('id').where('template_id', '=', id);
  await db.deleteFrom('bulk_send_rows').where('bulk_send_id', 'in', bulkSends).execute();
  await db.deleteFrom('bulk_sends').where('template_id', '=', id).execute();
  await db.deleteFrom('templates').where('id', '=', id).execute();
}

/** The templates that use the document: a document they name cannot be deleted. */
export async function templatesUsingDocument(db: Db, documentId: string): Promise<Array<{ id: string; name: string }>> {
  // The ids are kept as a JSON array of quoted strings: a text search finds the candidates, the parse decides.
  const rows = await db.selectFrom('templates').select(['id', 'name', 'document_ids']).where('document_ids', 'like', `%"${documentId}"%`).execute();
  return rows.filter((row) => (JSON.parse(row.document_ids) as string[]).includes(documentId)).map(({ id, name }) => ({ id, name }));
}
