import type { Command } from 'commander';
import { loadConfig } from '../../config.js';

/**
 * `migrate` brings the store's schema up to date and says which migrations ran, without starting a
 * server: for a deployment that migrates before it rolls instances over. `start` migrates too (under
 * the same advisory lock on PostgreSQL), so this is never required.
 */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (SQLite, or PostgreSQL with COUNTERSIGN_DATABASE_URL) and print which migrations ran')
    .action(async () => {
      const config = loadConfig();
      const { describeDatabase, migrateToLatest, openDatabase } = await import('../../store/database.js');
      const where = await describeDatabase(config);
      const db = await openDatabase(config);
      try {
        const ran = await migrateToLatest(db);
        process.stdout.write(
          ran.length === 0
            ? `${where}: the schema is up to date; no migration ran.\n`
            : `${where}: ran ${ran.length} migration${ran.length === 1 ? '' : 's'}:\n${ran.map((name) => `  ${name}\n`).join('')}`,
        );
      } finally {
        await db.destroy();
      }
    });
}
