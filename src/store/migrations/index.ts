import type { Migration } from 'kysely';
import * as core from './2026-11-23T19-00-core.js';
import * as jobs from './2026-11-23T19-10-jobs.js';
import * as connections from './2026-11-23T20-00-connections.js';
import * as accounts from './2026-11-23T21-00-accounts.js';
import * as documentChecks from './2026-11-30T10-00-document-checks.js';
import * as people from './2026-11-30T11-00-people.js';
import * as participantOptions from './2026-11-30T12-00-participant-options.js';
import * as callbackSubscriptions from './2026-11-30T13-00-callback-subscriptions.js';
import * as documentRenditions from './2026-11-30T14-00-document-renditions.js';
import * as readIndexes from './2026-12-01T05-00-read-indexes.js';
import * as providerCallSlots from './2026-12-01T14-00-provider-call-slots.js';
import * as events from './2026-12-02T10-00-events.js';
import * as webhooks from './2026-12-03T10-00-webhooks.js';
import * as envelopeArchives from './2026-12-04T10-00-envelope-archives.js';
import * as envelopeList from './2026-12-05T10-00-envelope-list.js';
import * as templates from './2026-12-06T10-00-templates.js';
import * as idempotentResources from './2026-12-07T10-00-idempotent-resources.js';

/**
 * Every migration, by name. Names sort in the order they run. A static list (rather than reading the
 * folder) keeps migrations working from the compiled build and from source alike.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T19-00-core': core,
  '2026-11-23T19-10-jobs': jobs,
  '2026-11-23T20-00-connections': connections,
  '2026-11-23T21-00-accounts': accounts,
  '2026-11-30T10-00-document-checks': documentChecks,
  '2026-11-30T11-00-people': people,
  '2026-11-30T12-00-participant-options': participantOptions,
  '2026-11-30T13-00-callback-subscriptions': callbackSubscriptions,
  '2026-11-30T14-00-document-renditions': documentRenditions,
  '2026-12-01T05-00-read-indexes': readIndexes,
  '2026-12-01T14-00-provider-call-slots': providerCallSlots,
  '2026-12-02T10-00-events': events,
  '2026-12-03T10-00-webhooks': webhooks,
  '2026-12-04T10-00-envelope-archives': envelopeArchives,
  '2026-12-05T10-00-envelope-list': envelopeList,
  '2026-12-06T10-00-templates': templates,
  '2026-12-07T10-00-idempotent-resources': idempotentResources,
};
