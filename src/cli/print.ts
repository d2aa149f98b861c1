import type { Connection, Envelope, EnvelopeArchive, EnvelopeSummary, Participant } from '../api-client/types.js';
/** Plain-text views for the terminal, of the API's answers as they come. `--json` bypasses them. */

/** One line: who, in which role, and how they sign when it is not the default. */
export function describeParticipant(participant: Participant): string {
  const extras = [
    ...(participant.authentication ?? [])
      .filter((method) => method.method !== 'email-link')
      .map((method) => (method.method === 'eid' ? `eid:${method.scheme}` : method.method)),
    participant.signatureLevel ?? '',
    participant.language ? `lang ${participant.language}` : '',
    participant.delivery?.mode === 'embedded' ? 'embedded' : '',
    participant.fields && participant.fields.length > 0 ? `${participant.fields.length} field${participant.fields.length === 1 ? '' : 's'}` : '',
  ].filter((extra) => extra !== '');
  return `step ${participant.step}  ${participant.role.padEnd(8)} ${participant.firstName} ${participant.lastName} <${participant.email}>  ${participant.status}${
    extras.length > 0 ? `  [${extras.join(', ')}]` : ''
  }`;
}

export function printTable<Row extends object>(rows: Row[], columns: Array<keyof Row & string>): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const cells = rows.map((row) => columns.map((column) => text(row[column])));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index]!.length)));
  const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index]!)).join('  ').trimEnd();
  console.log(line(columns));
  for (const row of cells) console.log(line(row));
}

export function printEnvelopeList(envelopes: EnvelopeSummary[], nextCursor: string | null): void {
  printTable(
    envelopes.map((envelope) => ({
      id: envelope.id,
      status: envelope.status,
      title: envelope.title,
      participants: envelope.participants.length,
      created: envelope.createdAt,
    })),
    ['id', 'status', 'title', 'participants', 'created'],
  );
  if (nextCursor) console.log(`\nMore: --cursor ${nextCursor}`);
}

export function printEnvelope(envelope: Envelope): void {
  console.log(`${envelope.title}  [${envelope.status}]`);
  console.log(`  id: ${envelope.id}`);
  if (envelope.statusReason) console.log(`  reason: ${envelope.statusReason}`);
  if (envelope.sendDecision) {
    console.log('  decision needed: the provider may or may not have created it. If it has, name its id:');
    console.log(`    countersign envelopes decide ${envelope.id} --mark-sent <id at the provider>`);
    console.log(`  If it has not (or you deleted it there): countersign envelopes decide ${envelope.id} --resend`);
  }
  if (envelope.archive) console.log(`  signed files: ${describeArchive(envelope.id, envelope.archive)}`);
  if (envelope.externalRef) console.log(`  external ref: ${envelope.externalRef}`);
  if (envelope.providerReference) console.log(`  at ${envelope.provider}: ${envelope.providerReference}`);
  console.log('  documents:');
  for (const document of envelope.documents) console.log(`    ${document.id}  ${document.filename}  (${document.mediaType}, ${document.size} bytes)`);
  if (envelope.documents.length === 0) console.log('    (none yet)');
  console.log('  participants:');
  for (const participant of envelope.participants) {
    const reason = participant.rejectionReason ? ` — "${participant.rejectionReason}"` : '';
    console.log(`    ${describeParticipant(participant)}${reason}`);
  }
  if (envelope.participants.length === 0) console.log('    (none yet)');
  if (envelope.events.length > 0) {
    console.log('  history:');
    for (const event of envelope.events) console.log(`    ${event.occurredAt}  ${event.type}  (${event.source})`);
  }
}

/** Where a completed envelope's signed files are: stored, on their way (and when next), or failed and why. */
export function describeArchive(envelopeId: string, archive: EnvelopeArchive): string {
  const attempts = `${archive.attemptCount} attempt${archive.attemptCount === 1 ? '' : 's'}`;
  switch (archive.status) {
    case 'archived':
      return `archived ${archive.archivedAt} (countersign envelopes download ${envelopeId})`;
    case 'pending':
      return archive.lastError
        ? `not archived yet, ${attempts} failed; next attempt ${archive.nextAttemptAt}. Last error: ${archive.lastError}`
        : `being archived (first attempt ${archive.nextAttemptAt})`;
    case 'failed':
      return `NOT ARCHIVED, gave up after ${attempts}: ${archive.lastError}\n    Once fixed: countersign envelopes archive ${envelopeId}`;
  }
}

export function printConnectionList(connections: Connection[]): void {
  printTable(
    connections.map((connection) => ({
      id: connection.id,
      name: connection.name,
      provider: connection.provider,
      environment: connection.environment,
      default: connection.isDefault ? 'yes' : 'no',
      health: connection.health.status,
    })),
    ['id', 'name', 'provider', 'environment', 'default', 'health'],
  );
}

export function printConnection(connection: Connection): void {
  console.log(`${connection.name}  [${connection.provider}, ${connection.environment}]${connection.isDefault ? '  (default)' : ''}`);
  console.log(`  id: ${connection.id}`);
  console.log(`  API: ${connection.baseUrl}`);
  for (const [name, value] of Object.entries(connection.settings)) console.log(`  ${name}: ${value}`);
  const checked = connection.health.checkedAt ? ` (checked ${connection.health.checkedAt})` : '';
  console.log(`  health: ${connection.health.status}${checked}${connection.health.detail ? ` — ${connection.health.detail}` : ''}`);
  if (connection.usage) {
    console.log(`  provider calls since ${connection.usage.since}: ${connection.usage.calls}${connection.usage.failures > 0 ? ` (${connection.usage.failures} failed)` : ''}`);
  }
  const subscription = connection.callbackSubscription;
  if (subscription) console.log(`  event subscription: ${subscription.status}${subscription.id ? ` (${subscription.id})` : ''} — ${subscription.detail}`);
  // Pasting the URL is needed only where Countersign could not subscribe itself.
  if (connection.callbackUrl && subscription?.status !== 'subscribed') console.log(`  callback URL (for the provider's client settings): ${connection.callbackUrl}`);
  else if (connection.callbackUrl) console.log(`  callback URL (subscribed, nothing to paste): ${connection.callbackUrl}`);
  if (connection.publicJwk) {
    console.log('  public key:');
    printPublicKey(connection, { instruction: connection.health.status !== 'ok' });
  }
}

/** Where each provider takes the public key; a person follows these words in the provider's own web app. */
const KEY_REGISTRATION: Record<string, string> = {
  autenti: 'Autenti → Integration settings → your API client → Edit → Public key',
};

/**
 * The public JWK on a line of its own, so that it can be copied whole, then what to do with it.
 * Only public members are ever in `publicJwk`: the server never returns the private key.
 */
export function printPublicKey(connection: Pick<Connection, 'id' | 'provider' | 'publicJwk'>, options = { instruction: true }): void {
  if (!connection.publicJwk) return;
  console.log(JSON.stringify(connection.publicJwk));
  if (!options.instruction) return;
  const where = KEY_REGISTRATION[connection.provider] ?? `${connection.provider}'s settings for this API client`;
  console.log(`Paste this public key into ${where}, save, then run: countersign connections verify ${connection.id}`);
}
