import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/queue.js';
import type { OutboundPolicy } from '../net/outbound-guard.js';
import type { RateLimiters } from '../providers/rate-limit.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { UsageMeter } from '../providers/usage.js';
import type { Db } from '../store/database.js';
import type { BlobStore } from '../store/blobs.js';
import type { DocumentConverter } from './documents/converter.js';
import type { SecretBox } from './secrets.js';
import type { WebhookSettings } from '../domain/webhooks.js';

/** What every use case may touch. Built once at start (src/app/boot.ts); tests build their own. */
export interface AppContext {
  db: Db;
  blobs: BlobStore;
  queue: JobQueue;
  logger: Logger;
  limits: {
    maxUploadBytes: number;
    /** Fetches per connection per scheduled sync for providers without `deltaListing` (COUNTERSIGN_SYNC_POLL_BUDGET); 100 when absent. */
    syncPollBudget?: number;
  };
  now: () => Date;
  /** Encrypts credentials and private keys at rest. */
  secrets: SecretBox;
  /** The provider descriptors this build ships (providers/index.ts). */
  providers: ProviderRegistry;
  /** Provider call budgets per connection; in memory unless given (a shared store for several instances). */
  rateLimiters?: RateLimiters;
  /** Provider calls counted per connection; in memory unless given. */
  usage?: UsageMeter;
  /** This server's own base URL (e.g. http://127.0.0.1:3000), known once it listens. */
  selfUrl: () => string;
  /** Where user-supplied URLs may lead: public https, plus what COUNTERSIGN_ALLOW_PRIVATE_URLS opens. */
  outbound: OutboundPolicy;
  /** Makes PDFs of office documents for providers that sign only PDF; absent: none installed, such documents are refused before sending. */
  converter?: DocumentConverter;
  /** Webhook delivery settings; each one absent is its default (DEFAULT_WEBHOOK_SETTINGS). Tests shorten the retry schedule. */
  webhooks?: Partial<WebhookSettings>;
  /** The wait after each failed attempt to archive a completed envelope's files; absent: ARCHIVE_RETRY_DELAYS_MS. */
  archiveRetryDelaysMs?: readonly number[];
}

export function timestamp(context: Pick<AppContext, 'now'>): string {
  return context.now().toISOString();
}
