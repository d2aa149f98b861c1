/**
 * Send, remind or withdraw several envelopes at once, from the list. Each envelope is asked through
 * its own route, so each gets the server's own answer: a refusal (a draft cannot be sent, the
 * provider cannot remind) is that envelope's result, in the server's words, and the others go on.
 * Each accepted request is then followed to its end — the send until the provider has the envelope,
 * a reminder or withdrawal until its job is done — so a row says what happened, not only "asked".
 */
import { api, describeError, newIdempotencyKey } from './api';
import { currentLocale, i18n } from './i18n';
import { envelopeStatusLook } from './status';
import type { Job } from './types';

export type BulkAction = 'send' | 'remind' | 'withdraw';

export interface BulkOutcome {
  id: string;
  title: string;
  state: 'working' | 'done' | 'refused';
  message: string;
}

/**
 * A row's words, in the language of the moment they are reported (read at call time, never at import:
 * a constant would stay in the first language).
 */
const words = {
  working: (action: BulkAction) => i18n.t(`envelopes:bulk.outcome.working.${action}`),
  done: (action: BulkAction) => i18n.t(`envelopes:bulk.outcome.done.${action}`),
};

const POLL_MS = 700;
/** A provider that takes longer is still working: the row says so rather than waiting on. */
const FOLLOW_FOR_MS = 60_000;

export async function runBulkAction(
  action: BulkAction,
  envelopes: ReadonlyArray<{ id: string; title: string }>,
  options: { reason: string | null; signal: AbortSignal; onUpdate: (outcome: BulkOutcome) => void },
): Promise<void> {
  const { onUpdate, signal } = options;
  // One after the other: a provider's rate limit is shared, and the rows fill in in order.
  for (const envelope of envelopes) {
    if (signal.aborted) return;
    const report = (state: BulkOutcome['state'], message: string) => onUpdate({ id: envelope.id, title: envelope.title, state, message });
    report('working', words.working(action));
    try {
      const path = { params: { path: { envelopeId: envelope.id } } };
      if (action === 'send') {
        await api.POST('/api/v1/envelopes/{envelopeId}/send', { ...path, idempotencyKey: newIdempotencyKey() });
        await followSend(envelope.id, signal, report);
      } else {
        const job =
          action === 'remind'
            ? await api.POST('/api/v1/envelopes/{envelopeId}/remind', path)
            : await api.POST('/api/v1/envelopes/{envelopeId}/withdraw', { ...path, body: options.reason ? { reason: options.reason } : {} });
        await followJob(job, action, signal, report);
      }
    } catch (error) {
      report('refused', describeError(error));
    }
  }
}

async function followSend(id: string, signal: AbortSignal, report: (state: BulkOutcome['state'], message: string) => void): Promise<void> {
  const deadline = Date.now() + FOLLOW_FOR_MS;
  while (!signal.aborted && Date.now() < deadline) {
    const envelope = await api.GET('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: id } } });
    if (envelope.status === 'sent') return report('done', words.done('send'));
    if (envelope.status === 'failed') return report('refused', envelope.statusReason ?? i18n.t('envelopes:bulk.outcome.providerRefused'));
    if (envelope.status !== 'sending') return report('done', i18n.t('envelopes:bulk.outcome.now', { status: envelopeStatusLook(envelope.status).label.toLocaleLowerCase(currentLocale()) }));
    await pause(signal);
  }
  report('done', i18n.t('envelopes:bulk.outcome.stillSending'));
}

async function followJob(started: Job, action: Exclude<BulkAction, 'send'>, signal: AbortSignal, report: (state: BulkOutcome['state'], message: string) => void): Promise<void> {
  const deadline = Date.now() + FOLLOW_FOR_MS;
  let job = started;
  while (!signal.aborted && Date.now() < deadline) {
    if (job.state === 'completed') return report('done', words.done(action));
    if (job.state === 'dead') return report('refused', job.lastError ?? i18n.t('envelopes:bulk.outcome.noReason'));
    await pause(signal);
    job = await api.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId: job.id } } });
  }
  report('done', i18n.t('envelopes:bulk.outcome.stillWorking'));
}

function pause(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, POLL_MS);
    signal.addEventListener('abort', () => {
      window.clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
