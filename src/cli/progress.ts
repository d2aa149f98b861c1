import type { SyncProgress } from '../api-client/types.js';
import { plural } from './context.js';

/** `progress` of a sync-all job, as GET /api/v1/jobs/{jobId} reports it. */
export type { SyncProgress };

export interface ProgressView {
  update(progress: SyncProgress): void;
  /** Ends the bar's line, if one is drawn. */
  finish(): void;
}

const BAR_WIDTH = 28;

/**
 * On a terminal, one bar redrawn in place; elsewhere (a log, a CI job), one line for each change
 * seen, so that the record reads top to bottom. Both on stderr: stdout carries the result.
 */
export function syncProgressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  let last = '';
  let drawn = false;
  if (stream.isTTY) {
    return {
      update(progress) {
        if (progress.inFlight === 0) return;
        const ratio = Math.min(1, progress.checked / progress.inFlight);
        const filled = Math.round(ratio * BAR_WIDTH);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
        const line = `Syncing ${bar} ${progress.checked}/${progress.inFlight} · ${progress.changed} changed · connection ${Math.min(progress.connectionsDone + 1, progress.connections)}/${progress.connections}`;
        if (line === last) return;
        last = line;
        drawn = true;
        stream.write(`\r\x1b[2K${line}`);
      },
      finish() {
        if (drawn) stream.write('\n');
        drawn = false;
      },
    };
  }
  return {
    update(progress) {
      const line = `Checked ${progress.checked} of ${plural(progress.inFlight, 'envelope')}: ${progress.changed} changed, connections done ${progress.connectionsDone}/${progress.connections}, ${plural(progress.providerCalls, 'provider call')}${progress.errors.length > 0 ? `, ${plural(progress.errors.length, 'error')}` : ''}`;
      if (line === last) return;
      last = line;
      stream.write(`${line}\n`);
    },
    finish() {},
  };
}

export function syncSummary(progress: SyncProgress): string {
  if (progress.inFlight === 0) return 'Nothing to sync: no envelope is waiting at a provider.';
  return `Synced ${plural(progress.checked, 'envelope')} at ${plural(progress.connections, 'connection')}: ${progress.changed} changed, ${plural(progress.providerCalls, 'provider call')}${progress.deferred > 0 ? `; ${plural(progress.deferred, 'envelope')} left for the next sync (COUNTERSIGN_SYNC_POLL_BUDGET)` : ''}`;
}
