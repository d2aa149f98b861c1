import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { destination, pino } from 'pino';
import { loadConfig, type Config } from '../../config.js';
import type { SecretBox } from '../../app/secrets.js';
import type { TransferReport } from '../../app/transfer.js';
import type { Installation } from '../../installation.js';

/**
 * `export <folder>` and `import <folder>`: an installation moved between SQLite and PostgreSQL, or
 * backed up, as a checked folder (src/app/transfer.ts). Both open the installation the environment
 * names (COUNTERSIGN_DATA_DIR or COUNTERSIGN_DATABASE_URL) without starting a server; stop the
 * servers first, so that nothing changes while the rows and files are copied.
 */
export function registerTransfer(program: Command): void {
  program
    .command('export <folder>')
    .description('copy every row, stored file and waiting job of this installation into a new folder, with counts and checksums')
    .action(async (folder: string) => {
      const report = await withInstallation(loadConfig(), async ({ installation }) => {
        const { exportInstallation } = await import('../../app/transfer.js');
        return exportInstallation(installation, folder);
      });
      process.stdout.write(`Exported to ${folder}: ${summary(report)}.\nIt holds sealed credentials and documents: keep it as safe as the installation, with its master key.\n`);
    });

  program
    .command('import <folder>')
    .description('load an export into this installation (empty, never started), checking every table and file, with the master key of the source')
    .action(async (folder: string) => {
      const config = loadConfig();
      if (config.masterKey === undefined && !existsSync(join(config.dataDir, 'master.key'))) {
        throw new Error('Set COUNTERSIGN_MASTER_KEY to the master key of the installation the export comes from (its COUNTERSIGN_MASTER_KEY, or the content of master.key in its data folder).');
      }
      const report = await withInstallation(config, async ({ installation, secrets }) => {
        const { importInstallation } = await import('../../app/transfer.js');
        return importInstallation({ ...installation, secrets }, folder);
      });
      process.stdout.write(`Imported from ${folder}, every table and file checked: ${summary(report)}.\n`);
    });
}

/** Opens the installation the environment names (not started), runs `work`, and closes it. */
async function withInstallation<T>(config: Config, work: (opened: { installation: Installation; secrets: SecretBox }) => Promise<T>): Promise<T> {
  const [{ openInstallation }, { createSecretBox, loadMasterKey }] = await Promise.all([import('../../installation.js'), import('../../app/secrets.js')]);
  const installation = await openInstallation(config, pino({ level: 'warn' }, destination(2)));
  try {
    const secrets = createSecretBox(loadMasterKey({ fromEnvironment: config.masterKey, keyFile: join(config.dataDir, 'master.key') }));
    return await work({ installation, secrets });
  } finally {
    await installation.queue.stop();
    await installation.db.destroy();
  }
}

function summary(report: TransferReport): string {
  const rows = Object.values(report.tables).reduce((sum, count) => sum + count, 0);
  return `${rows} rows in ${Object.keys(report.tables).length} tables, ${report.blobs} files (${(report.blobBytes / 1024 / 1024).toFixed(1)} MB), ${report.jobs} waiting jobs`;
}
