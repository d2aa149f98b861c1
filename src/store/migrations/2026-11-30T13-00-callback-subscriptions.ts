import type { Kysely } from 'kysely';

/**
 * A connection's event subscription at its provider (issue 9): providers that configure callbacks per
 * account (Autenti's `/applications/callbacks`) are subscribed by Countersign itself when the
 * connection verifies. Frozen once landed. NULL everywhere: never attempted, as for rows from before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The provider's id of the subscription (Autenti `CALLBACK:<uuid>`), kept to replace or remove it.
  await db.schema.alterTable('connections').addColumn('callback_subscription_id', 'text').execute();
  // 'subscribed' | 'manual' (the account may not subscribe: the admin pastes the URL) | 'pending' (resubscribe at the next verify) | 'error'.
  await db.schema.alterTable('connections').addColumn('callback_subscription_status', 'varchar(16)').execute();
  await db.schema.alterTable('connections').addColumn('callback_subscription_detail', 'text').execute();
}
