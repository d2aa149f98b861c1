import type { EventType } from '../domain/events.js';
import type { Db } from './database.js';
import { lockRows } from './locking.js';
import type { WebhookEndpointsTable } from './schema.js';

/** A webhook endpoint as stored; its secrets stay sealed (app/webhooks/endpoints.ts opens them). */
export interface StoredEndpoint {
  id: string;
  url: string;
  description: string | null;
  /** null: every event type. */
  eventTypes: EventType[] | null;
  enabled: boolean;
  sealedSecret: string;
  sealedPreviousSecret: string | null;
  previousSecretExpiresAt: string | null;
  failingSince: string | null;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function toEndpoint(row: WebhookEndpointsTable): StoredEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as EventType[]),
    enabled: Number(row.enabled) === 1,
    sealedSecret: row.secret,
    sealedPreviousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    failingSince: row.failing_since,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(endpoint: StoredEndpoint): WebhookEndpointsTable {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes === null ? null : JSON.stringify(endpoint.eventTypes),
    enabled: endpoint.enabled ? 1 : 0,
    secret: endpoint.sealedSecret,
    previous_secret: endpoint.sealedPreviousSecret,
    previous_secret_expires_at: endpoint.previousSecretExpiresAt,
    failing_since: endpoint.failingSince,
    disabled_reason: endpoint.disabledReason,
    disabled_at: endpoint.disabledAt,
    created_at: endpoint.createdAt,
    updated_at: endpoint.updatedAt,
  };
}

export async function insertEndpoint(db: Db, endpoint: StoredEndpoint): Promise<void> {
  await db.insertInto('webhook_endpoints').values(toRow(endpoint)).execute();
}

/** Writes every column of the endpoint but its id and creation time. */
export async function saveEndpoint(db: Db, endpoint: StoredEndpoint): Promise<void> {
  const { id: _id, created_at: _created, ...changes } = toRow(endpoint);
  await db.updateTable('webhook_endpoints').set(changes).where('id', '=', endpoint.id).execute();
}

/**
 * Records whether the endpoint's attempts are failing, without reading or locking its row first:
 * a failure starts a run of failures (kept if one is running), a success ends it. A write happens only
 * when the state changes, so concurrent senders to a healthy endpoint do not queue on its row.
 */
export async function markFailingSince(db: Db, id: string, failingSince: string | null): Promise<void> {
  await db
    .updateTable('webhook_endpoints')
    .set({ failing_since: failingSince })
    .where('id', '=', id)
    .where('failing_since', failingSince === null ? 'is not' : 'is', null)
    .execute();
}

export async function findEndpoint(db: Db, id: string): Promise<StoredEndpoint | undefined> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toEndpoint(row);
}

/** The endpoint, its row locked to the end of the transaction (its failure run and enabled flag are read, then written). */
export async function findEndpointForUpdate(db: Db, id: string): Promise<StoredEndpoint | undefined> {
  await lockRows(db, 'webhook_endpoints', [id]);
  return findEndpoint(db, id);
}

/** Oldest first. */
export async function listEndpoints(db: Db): Promise<StoredEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
  return rows.map(toEndpoint);
}

/** What the outbox needs of each enabled endpoint to pick the events it takes. */
export async function listEnabledEndpointFilters(db: Db): Promise<Array<{ id: string; eventTypes: EventType[] | null }>> {
  const rows = await db.selectFrom('webhook_endpoints').select(['id', 'event_types']).where('enabled', '=', 1).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as EventType[]) }));
}

export async function deleteEndpointRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}
