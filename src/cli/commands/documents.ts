import type { Command } from 'commander';
import type { DocumentRecord, Page, ResponseBody } from '../../api-client/types.js';
import { idempotency, type Cli } from '../context.js';
import { printTable } from '../print.js';

/** What POST /documents answers. */
type UploadedDocument = ResponseBody<'/api/v1/documents', 'post'>;

export function registerDocuments(program: Command, cli: Cli): void {
  const documents = program.command('documents').description('upload and list documents');
  documents
    .command('upload <file>')
    .description('upload a PDF, DOC, DOCX, ODT, ODS, XLS or XLSX file')
    .option('--idempotency-key <key>', 'makes a retried upload safe')
    .action(async (file: string, options: { idempotencyKey?: string }) => {
      const document = await cli
        .client()
        .upload<UploadedDocument>('/documents', file, idempotency(options.idempotencyKey));
      cli.output(document, () => {
        const pages = document.pageCount === null ? '' : `, ${document.pageCount} page${document.pageCount === 1 ? '' : 's'}`;
        console.log(`Uploaded ${document.filename} as ${document.id} (${document.mediaType}${pages}, ${document.size} bytes, sha256 ${document.sha256})`);
        // Active content is kept but flagged at upload: say so where the person will see it.
        for (const warning of document.warnings) console.log(`  Warning: ${warning.message}`);
      });
    });
  documents
    .command('list')
    .option('--limit <n>', 'rows per page', '25')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .action(async (options: { limit: string; cursor?: string }) => {
      const page = await cli.client().get<Page<DocumentRecord>>('/documents', options);
      cli.output(page, () => {
        printTable(page.data, ['id', 'filename', 'mediaType', 'size', 'createdAt']);
        if (page.nextCursor) console.log(`\nMore: --cursor ${page.nextCursor}`);
      });
    });
}
