import type { ChangesPage, ChangesQuery } from '../provider.js';
import type { ProviderSnapshot } from '../snapshot.js';
import type { ConnectiveClient } from './client.js';
import { toSummary } from './mapping.js';

/**
 * Delta sync over Package List (seed 001 "Package List"; docs/providers.md "changesSince"), one list
 * call per page and nothing else: Connective's budget is 100 calls a minute, and a sync must not
 * spend it reading every open package. Connective lists packages by creation, with their status only,
 * and has no "modified since": so the cursor remembers each listed package's `PackageStatus` on the
 * last pass, and a pass returns, as `summary` snapshots, only the packages whose status changed (the
 * app fetches those whose unified status differs from what it holds).
 *
 * - Progress inside a `Pending` package (step 1 signed) does not show in the list: it arrives through
 *   the package's `CallBackUrl` at once, or with a sync of that envelope.
 * - A pass lists the packages created since `query.openSince` (the oldest envelope still open on the
 *   connection): older packages are final and never change again. Within a pass the cursor carries
 *   Connective's `ContinuationToken` and the pass's own `createdAfterDate`; the pass ends on a page
 *   without a token, and its statuses become those the next pass compares with. Packages no longer
 *   listed (deleted, or older than the new `openSince`) drop out of the cursor.
 * - The first pass (`cursor` null, or one this version cannot read) returns every package listed.
 */

export const DEFAULT_PAGE_SIZE = 100;

type ListingCursor = {
  /** The pass's `createdAfterDate` (absent: every package). */
  readonly since?: string;
  /** Connective's token for the next page of this pass; absent: the pass starts with the next call. */
  readonly token?: string;
  /** Each package's status on the last complete pass; absent on the first pass. */
  readonly known?: Readonly<Record<string, string>>;
  /** Each package's status on this pass so far. */
  readonly seen: Readonly<Record<string, string>>;
};

export function parseCursor(text: string | null): ListingCursor {
  if (text === null || !text.trim().startsWith('{')) return { seen: {} };
  try {
    const parsed = JSON.parse(text) as Partial<ListingCursor>;
    const record = (value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === 'string')
        ? (value as Record<string, string>)
        : undefined;
    const known = record(parsed.known);
    return {
      ...(typeof parsed.since === 'string' ? { since: parsed.since } : {}),
      ...(typeof parsed.token === 'string' && parsed.token !== '' ? { token: parsed.token } : {}),
      ...(known ? { known } : {}),
      seen: record(parsed.seen) ?? {},
    };
  } catch {
    return { seen: {} };
  }
}

export async function listChanges(client: ConnectiveClient, cursorText: string | null, query: ChangesQuery = {}, pageSize = DEFAULT_PAGE_SIZE): Promise<ChangesPage> {
  const cursor = parseCursor(cursorText);
  // A new pass takes the current openSince; a pass under way keeps its own, so its token stays valid.
  const since = cursor.token === undefined ? query.openSince : cursor.since;
  const page = await client.listPackages({ maxQuantity: pageSize, ...(cursor.token ? { continuationToken: cursor.token } : {}), ...(since ? { createdAfter: since } : {}) });

  const snapshots: ProviderSnapshot[] = [];
  const seen: Record<string, string> = { ...cursor.seen };
  for (const item of page.Items) {
    const status = item.PackageStatus ?? '';
    seen[item.Id] = status;
    if (cursor.known?.[item.Id] !== status) snapshots.push(toSummary(item));
  }

  const token = page.ContinuationToken;
  if (token !== undefined && token !== '') {
    const next: ListingCursor = { ...(since ? { since } : {}), token, ...(cursor.known ? { known: cursor.known } : {}), seen };
    return { snapshots, nextCursor: JSON.stringify(next), hasMore: true };
  }
  const next: ListingCursor = { known: seen, seen: {} };
  return { snapshots, nextCursor: JSON.stringify(next), hasMore: false };
}
