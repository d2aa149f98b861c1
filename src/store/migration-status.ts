import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * The names of this build's migrations that the database has not run yet. Empty when the schema is
 * current: what `GET /health/ready` asks, so that a load balancer sends no traffic to an instance
 * whose schema is behind its code.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return (await migrator.getMigrations()).filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}
