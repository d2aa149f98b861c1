import { describe, expect, it } from 'vitest';
import type { ConnectiveClient } from './client.js';
import { listChanges } from './listing.js';
import type { ConnectivePackage } from './schemas.js';

/** A Connective account as Package List sees it; every call recorded (a Get Package Status would be too). */
function fakeAccount() {
  const packages = new Map<string, ConnectivePackage>();
  const calls: string[] = [];
  const pageSize = 2;
  const client = {
    async listPackages(query: { maxQuantity: number; continuationToken?: string; createdAfter?: string }) {
      calls.push(`list ${query.continuationToken ?? '-'} ${query.createdAfter ?? '-'}`);
      const ids = [...packages.keys()];
      const start = query.continuationToken ? Number(query.continuationToken) : 0;
      const items = ids.slice(start, start + Math.min(pageSize, query.maxQuantity)).map((Id) => ({ Id, PackageStatus: packages.get(Id)!.PackageStatus }));
      const next = start + items.length < ids.length ? String(start + items.length) : undefined;
      return { ...(next ? { ContinuationToken: next } : {}), Items: items };
    },
    async getStatus(id: string) {
      calls.push(`status ${id}`);
      return structuredClone(packages.get(id)!);
    },
  } as unknown as ConnectiveClient;
  const put = (id: string, status: string, actors: string[] = []) =>
    packages.set(id, { PackageStatus: status, Stakeholders: [{ StakeholderId: `s-${id}`, EmailAddress: 'a@example.test', Actors: actors.map((ActorStatus, index) => ({ ActorId: `a${index}`, ActorStatus })) }] });
  return { client, calls, put };
}

async function pass(client: ConnectiveClient, cursor: string | null, openSince?: string) {
  const references: Array<[string, string]> = [];
  for (;;) {
    const page = await listChanges(client, cursor, openSince ? { openSince } : {}, 2);
    references.push(...page.snapshots.map((snapshot): [string, string] => [snapshot.reference, snapshot.detail]));
    cursor = page.nextCursor;
    if (!page.hasMore) return { references, cursor };
  }
}

describe('changesSince (Package List)', () => {
  it('lists every package on a first pass, then only those whose status changed, with list calls alone', async () => {
    const { client, calls, put } = fakeAccount();
    put('p1', 'Pending', ['Available', 'Waiting']);
    put('p2', 'Finished', ['Finished']);
    put('p3', 'Pending', ['Available']);
    const first = await pass(client, null, '2026-11-01T00:00:00.000Z');
    expect(first.references).toEqual([
      ['p1', 'summary'],
      ['p2', 'summary'],
      ['p3', 'summary'],
    ]);
    // Two pages, no package read (the budget is 100 calls a minute); the pass keeps its createdAfterDate across pages.
    expect(calls).toEqual(['list - 2026-11-01T00:00:00.000Z', 'list 2 2026-11-01T00:00:00.000Z']);

    const quiet = await pass(client, first.cursor, '2026-11-02T00:00:00.000Z');
    expect(quiet.references).toEqual([]);

    // Progress inside a Pending package is the callbacks' to tell; a new package status is listed.
    put('p1', 'Pending', ['Finished', 'Available']);
    put('p3', 'Revoked', ['Available']);
    const changed = await pass(client, quiet.cursor);
    expect(changed.references).toEqual([['p3', 'summary']]);
    expect(calls.filter((call) => call.startsWith('status'))).toEqual([]);
    expect((await pass(client, changed.cursor)).references).toEqual([]);
  });

  it('starts over from a cursor it cannot read', async () => {
    const { client, put } = fakeAccount();
    put('p1', 'Finished');
    expect((await pass(client, 'not json')).references).toEqual([['p1', 'summary']]);
    expect((await pass(client, '{"known": [1]}')).references).toEqual([['p1', 'summary']]);
  });
});
