import type { Command } from 'commander';
import type { DocumentRecord } from '../../api-client/types.js';
import { CliError } from '../client.js';
import { idempotency, type Cli } from '../context.js';
import { safeFilename, writeVerified } from '../download.js';
import { printTable } from '../print.js';

export function registerDocuments(program: Command, cli: Cli): void {
  const documents = program.command('documents').description('upload and list documents');
  documents
    .command('upload <file>')
    .description('upload a PDF, DOC, DOCX, ODT, ODS, XLS, XLSX or RTF file')
    .option('--idempotency-key <key>', 'makes a retried upload safe')
    .action(async (file: string, options: { idempotencyKey?: string }) => {
      const document = await cli.client().uploadDocument(file, idempotency(options.idempotencyKey));
      cli.output(document, () => {
        const pages = document.pageCount === null ? '' : `, ${document.pageCount} page${document.pageCount === 1 ? '' : 's'}`;
        console.log(`Uploaded ${document.filename} as ${document.id} (${document.mediaType}${pages}, ${document.size} bytes, sha256 ${document.sha256})`);
        // Active content is kept but flagged at upload: say so where the person will see it.
        for (const warning of document.warnings) console.log(`  Warning: ${warning.message}`);
        if (document.rendition) console.log(`  PDF version: ${describeRendition(document.rendition)}`);
      });
    });
  documents
    .command('list')
    .option('--limit <n>', 'rows per page', '25')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .action(async (options: { limit: string; cursor?: string }) => {
      const page = await cli.client().GET('/api/v1/documents', { params: { query: { limit: Number(options.limit), cursor: options.cursor } } });
      cli.output(page, () => {
        const rows = page.data.map((document) => ({ ...document, pdfVersion: document.rendition ? describeRendition(document.rendition) : '' }));
        printTable(rows, ['id', 'filename', 'mediaType', 'size', 'pdfVersion', 'createdAt']);
        if (page.nextCursor) console.log(`\nMore: --cursor ${page.nextCursor}`);
      });
    });
  documents
    .command('rendition <documentId>')
    .description('download the PDF version LibreOffice made of an office document')
    .option('--out <file>', 'where to write it (default: the document name with .pdf, in this folder)')
    .option('--force', 'overwrite the file if it exists', false)
    .action(async (documentId: string, options: { out?: string; force: boolean }) => {
      const client = cli.client();
      const document = await client.GET('/api/v1/documents/{documentId}', { params: { path: { documentId } } });
      const rendition = document.rendition;
      if (!rendition) throw new CliError(`${document.filename} (${document.id}) is a PDF; it has no PDF version. Download it with its content.`);
      if (rendition.status !== 'ready') throw new CliError(`The PDF version of ${document.filename} (${document.id}) is ${describeRendition(rendition)}.`);
      const path = options.out ?? safeFilename(`${document.filename.replace(/\.[^.]*$/, '')}.pdf`, `${document.id}.pdf`);
      const response = await client.download('/api/v1/documents/{documentId}/rendition', { params: { path: { documentId: document.id } } });
      const { sha256 } = await writeVerified(response, path, {
        force: options.force,
        what: `The PDF version of ${document.id}`,
        expectedSha256: rendition.sha256,
        ifExists: 'it exists; not overwriting it (pass --force or --out)',
      });
      cli.output({ documentId: document.id, path, pages: rendition.pages, size: rendition.size, sha256 }, () =>
        console.log(`Wrote ${path} (${rendition.pages} page${rendition.pages === 1 ? '' : 's'}, ${rendition.size} bytes, sha256 ${sha256})`),
      );
    });
}

/** A rendition in a few words: `ready, 3 pages`, `pending (being converted)`, `failed: <reason>`. */
function describeRendition(rendition: NonNullable<DocumentRecord['rendition']>): string {
  switch (rendition.status) {
    case 'ready':
      return `ready, ${rendition.pages} page${rendition.pages === 1 ? '' : 's'}`;
    case 'pending':
      return 'pending (being converted)';
    default:
      return `${rendition.status}: ${rendition.error ?? 'no reason given'}`;
  }
}
