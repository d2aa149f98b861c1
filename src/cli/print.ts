/** Plain-text views for the terminal. `--json` bypasses them. */

interface ParticipantView {
  firstName: string;
  lastName: string;
  email: string;
  role: string;
  step: number;
  status: string;
  rejectionReason?: string | null;
}

interface EnvelopeViewShape {
  id: string;
  title: string;
  status: string;
  statusReason?: string | null;
  externalRef?: string | null;
  provider?: string | null;
  providerReference?: string | null;
  createdAt: string;
  documents: Array<{ id: string; filename: string; mediaType: string; size: number }>;
  participants: ParticipantView[];
  events?: Array<{ occurredAt: string; type: string; source: string; detail?: Record<string, unknown> | null }>;
}

export function printTable(rows: Array<Record<string, unknown>>, columns: string[]): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const cells = rows.map((row) => columns.map((column) => (row[column] === null || row[column] === undefined ? '' : String(row[column]))));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index]!.length)));
  const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index]!)).join('  ').trimEnd();
  console.log(line(columns));
  for (const row of cells) console.log(line(row));
}

export function printEnvelopeList(envelopes: EnvelopeViewShape[], nextCursor: string | null): void {
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

export function printEnvelope(envelope: EnvelopeViewShape): void {
  console.log(`${envelope.title}  [${envelope.status}]`);
  console.log(`  id: ${envelope.id}`);
  if (envelope.statusReason) console.log(`  reason: ${envelope.statusReason}`);
  if (envelope.externalRef) console.log(`  external ref: ${envelope.externalRef}`);
  if (envelope.providerReference) console.log(`  at ${envelope.provider}: ${envelope.providerReference}`);
  console.log('  documents:');
  for (const document of envelope.documents) console.log(`    ${document.id}  ${document.filename}  (${document.mediaType}, ${document.size} bytes)`);
  if (envelope.documents.length === 0) console.log('    (none yet)');
  console.log('  participants:');
  for (const participant of envelope.participants) {
    const reason = participant.rejectionReason ? ` — "${participant.rejectionReason}"` : '';
    console.log(
      `    step ${participant.step}  ${participant.role.padEnd(8)} ${participant.firstName} ${participant.lastName} <${participant.email}>  ${participant.status}${reason}`,
    );
  }
  if (envelope.participants.length === 0) console.log('    (none yet)');
  if (envelope.events && envelope.events.length > 0) {
    console.log('  history:');
    for (const event of envelope.events) console.log(`    ${event.occurredAt}  ${event.type}  (${event.source})`);
  }
}
