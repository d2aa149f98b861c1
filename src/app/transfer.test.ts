import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry } from '../../test/support/fake-provider.js';
import { createReadyEnvelope, createTestConnection, createTestContext } from '../../test/support/app-context.js';
import { insertArtifactsOnce } from '../store/artifacts.js';
import { claimDueHeads, recordAttempt } from '../store/webhook-deliveries.js';
import { sendTestPing } from './webhooks/deliveries.js';
import { createEndpoint } from './webhooks/endpoints.js';
import { NOT_TRANSFERRED, tableNames, tableRows, TRANSFER_TABLES } from '../store/transfer.js';
import type { AppContext } from './context.js';
import { createSecretBox } from './secrets.js';
import { exportInstallation, importInstallation } from './transfer.js';

/**
 * Export an installation and import it into a fresh one (both SQLite here; the PostgreSQL run of
 * the suite moves it into PostgreSQL): every row and file arrives, checked, and a damaged or
 * mismatched export changes nothing.
 */

type Installation = Awaited<ReturnType<typeof createTestContext>>;
let source: Installation;
let target: Installation;
let folder: string;

beforeEach(async () => {
  source = await createTestContext(fakeRegistry(createFakeProvider()));
  target = await createTestContext(fakeRegistry(createFakeProvider()));
  // The same master key on both sides, as the import requires.
  target.context.secrets = source.context.secrets;
  folder = join(mkdtempSync(join(tmpdir(), 'countersign-export-')), 'export');
});

afterEach(async () => {
  await source.close();
  await target.close();
  rmSync(join(folder, '..'), { recursive: true, force: true });
});

/** An installation with a connection, an envelope of two documents, an artifact and a job waiting. */
async function fillSource(context: AppContext): Promise<string> {
  const connectionId = await createTestConnection(context);
  const envelopeId = await createReadyEnvelope(context, connectionId, { documents: 2 });
  const signed = await context.blobs.write(Readable.from([Buffer.from('%PDF-1.7 signed')]));
  await context.db.transaction().execute((transaction) => insertArtifactsOnce(transaction, envelopeId, [
    { id: 'art_signed', kind: 'signed-document', filename: 'signed.pdf', mediaType: 'application/pdf', size: signed.size, sha256: signed.sha256, blobKey: signed.key, documentId: null, createdAt: new Date().toISOString() },
  ]));
  await context.queue.enqueue('sync-envelope', { envelopeId }, { runAfter: new Date(Date.now() + 3_600_000), singletonKey: envelopeId });
  // A webhook endpoint (its secret sealed) with a delivery that had one attempt and waits for the next.
  const endpoint = await createEndpoint(context, { url: 'https://crm.example.com/hooks' });
  const ping = await sendTestPing(context, endpoint.id);
  const now = new Date().toISOString();
  await claimDueHeads(context.db, endpoint.id, { now, until: now, owner: 'job_1', limit: 1 });
  await recordAttempt(context.db, ping.id, 'job_1', { number: 1, attemptedAt: now, durationMs: 12, statusCode: 500, error: null, responseSnippet: 'down' }, { status: 'pending', nextAttemptAt: now });
  return envelopeId;
}

async function rowsOf(context: AppContext, name: string) {
  const rows = [];
  for await (const row of tableRows(context.db, TRANSFER_TABLES.find((table) => table.name === name)!)) rows.push(row);
  return rows;
}

async function fileText(context: AppContext, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await context.blobs.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

async function storedKeys(context: AppContext): Promise<string[]> {
  const keys = [];
  for await (const key of context.blobs.keys()) keys.push(key);
  return keys;
}

describe('export and import', () => {
  it('moves every row, file and waiting job into an empty installation, files under new keys', async () => {
    const envelopeId = await fillSource(source.context);
    const exported = await exportInstallation(source.context, folder);
    expect(exported).toMatchObject({ blobs: 3, jobs: 2 });
    expect(exported.tables).toMatchObject({ connections: 1, envelopes: 1, documents: 2, participants: 2, artifacts: 1, webhook_endpoints: 1, webhook_deliveries: 1, webhook_delivery_attempts: 1 });

    const imported = await importInstallation(target.context, folder);
    expect(imported).toEqual(exported);
    for (const table of TRANSFER_TABLES) {
      const [before, after] = [await rowsOf(source.context, table.name), await rowsOf(target.context, table.name)];
      expect(after.length, table.name).toBe(before.length);
      if (table.name !== 'documents' && table.name !== 'artifacts') expect(after, table.name).toEqual(before);
    }
    // Files are stored anew; the rows point at the new keys, whose content is the old one.
    const [document] = await rowsOf(target.context, 'documents');
    const [sourceDocument] = (await rowsOf(source.context, 'documents')).filter((row) => row.id === document!.id);
    expect(document!.blob_key).not.toBe(sourceDocument!.blob_key);
    expect(await fileText(target.context, document!.blob_key as string)).toBe(await fileText(source.context, sourceDocument!.blob_key as string));
    const [artifact] = await rowsOf(target.context, 'artifacts');
    expect(await fileText(target.context, artifact!.blob_key as string)).toBe('%PDF-1.7 signed');
    // The sealed credentials open with the shared key, and the waiting sync came along.
    expect(target.context.secrets.open((await rowsOf(target.context, 'connections'))[0]!.credentials as string, (await rowsOf(target.context, 'connections'))[0]!.id as string)).toContain('client');
    const jobId = await target.context.queue.enqueue('sync-envelope', { envelopeId }, { singletonKey: envelopeId });
    expect((await target.context.queue.getJob(jobId))?.runAfter.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    // The endpoint's secret opens too, and a new delivery comes after the moved ones in its lane's order.
    const [endpoint] = await rowsOf(target.context, 'webhook_endpoints');
    expect(target.context.secrets.open(endpoint!.secret as string, endpoint!.id as string)).toMatch(/^whsec_/);
    const ping = await sendTestPing(target.context, endpoint!.id as string);
    const seqs = (await rowsOf(target.context, 'webhook_deliveries')).map((row) => [row.id, Number(row.seq)] as const);
    expect(seqs.at(-1)).toEqual([ping.id, Math.max(...seqs.map(([, seq]) => seq))]);
    expect(new Set(seqs.map(([, seq]) => seq)).size).toBe(seqs.length);
  });

  it('refuses an export sealed with another master key before storing anything', async () => {
    await fillSource(source.context);
    await exportInstallation(source.context, folder);
    target.context.secrets = createSecretBox(randomBytes(32));
    await expect(importInstallation(target.context, folder)).rejects.toThrow(/another master key: set COUNTERSIGN_MASTER_KEY/);
    expect(await storedKeys(target.context)).toEqual([]);
  });

  it('refuses a target that already holds data', async () => {
    await fillSource(source.context);
    await exportInstallation(source.context, folder);
    await createTestConnection(target.context);
    await expect(importInstallation(target.context, folder)).rejects.toThrow(/already holds data \(connections\)/);
  });

  it('refuses a damaged table file and leaves the target as it was, files included', async () => {
    await fillSource(source.context);
    await exportInstallation(source.context, folder);
    const participants = join(folder, 'tables', 'participants.ndjson');
    writeFileSync(participants, readFileSync(participants, 'utf8').replace('Anna', 'Anne'));
    await expect(importInstallation(target.context, folder)).rejects.toThrow(/tables\/participants.ndjson does not match the manifest/);
    expect(await rowsOf(target.context, 'envelopes')).toEqual([]);
    expect(await storedKeys(target.context)).toEqual([]);
  });

  it('refuses a damaged file', async () => {
    await fillSource(source.context);
    await exportInstallation(source.context, folder);
    const [entry] = readFileSync(join(folder, 'blobs.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { key: string });
    writeFileSync(join(folder, 'blobs', entry!.key), 'not what was exported');
    await expect(importInstallation(target.context, folder)).rejects.toThrow(/blobs\/\w+ differs from what was exported/);
    expect(await storedKeys(target.context)).toEqual([]);
  });

  it('refuses to export into a folder that holds something, and to import a folder without a manifest', async () => {
    await exportInstallation(source.context, folder);
    await expect(exportInstallation(source.context, folder)).rejects.toThrow(/is not empty/);
    rmSync(join(folder, 'manifest.json'));
    await expect(importInstallation(target.context, folder)).rejects.toThrow(/no readable manifest.json: it is not a finished Countersign export/);
  });

  it('moves every table the schema has, except the ones left on purpose', async () => {
    const all = await tableNames(source.context.db);
    expect(all.filter((name) => !NOT_TRANSFERRED.includes(name)).sort()).toEqual(TRANSFER_TABLES.map((table) => table.name).sort());
  });
});
