import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { BulkSend } from '../../api-client/types.js';
import { idempotency, sleep, type Cli } from '../context.js';
import { printTable } from '../print.js';

const POLL_MS = 1000;

/** Templates (docs/templates.md): save an envelope as one, list them, and bulk send one to a CSV file. */
export function registerTemplates(program: Command, cli: Cli): void {
  const templates = program.command('templates').description('save envelopes as templates; bulk send a template to the rows of a CSV file');

  templates.command('list').action(async () => {
    const list = await cli.client().GET('/api/v1/templates');
    cli.output(list, () => printTable(list.data.map((template) => ({ id: template.id, name: template.name, roles: template.roles.map((role) => role.key).join(', ') })), ['id', 'name', 'roles']));
  });

  templates
    .command('save <envelopeId>')
    .description('save an envelope (any status) as a template: its documents, participants as roles to fill, fields')
    .requiredOption('--name <name>', 'the template’s name')
    .action(async (envelopeId: string, options: { name: string }) => {
      const template = await cli.client().POST('/api/v1/templates', { body: { name: options.name, envelopeId } });
      cli.output(template, () => console.log(`Saved template ${template.id}, roles ${template.roles.map((role) => role.key).join(', ')}`));
    });

  templates
    .command('bulk-send <templateId> <csvFile>')
    .description('one envelope per row of the CSV (at most 500; see docs/templates.md), made and sent by the server')
    .option('--connection <id>', 'the provider connection (default: the default connection)')
    .option('--wait', 'follow it to the end and print each row’s result')
    .option('--idempotency-key <key>', 'makes a retried bulk send safe')
    .action(async (templateId: string, csvFile: string, options: { connection?: string; wait?: boolean; idempotencyKey?: string }) => {
      const client = cli.client();
      let bulkSend = await client.POST('/api/v1/templates/{templateId}/bulk-sends', {
        params: { path: { templateId } },
        body: { csv: await readFile(csvFile, 'utf8'), ...(options.connection ? { connectionId: options.connection } : {}) },
        headers: idempotency(options.idempotencyKey),
      });
      while (options.wait && bulkSend.status === 'running') {
        await sleep(POLL_MS);
        bulkSend = await client.GET('/api/v1/templates/{templateId}/bulk-sends/{bulkSendId}', { params: { path: { templateId, bulkSendId: bulkSend.id } } });
      }
      cli.output(bulkSend, () => printBulkSend(bulkSend));
    });
}

function printBulkSend(bulkSend: BulkSend): void {
  const { sent, failed } = bulkSend.counts;
  console.log(`Bulk send ${bulkSend.id}: ${bulkSend.status}, ${sent + failed} of ${bulkSend.rowCount} rows done (${sent} sent, ${failed} failed)`);
  printTable(
    (bulkSend.rows ?? []).map((row) => ({ row: row.row, status: row.status, result: row.envelopeId ?? row.detail ?? '' })),
    ['row', 'status', 'result'],
  );
}
