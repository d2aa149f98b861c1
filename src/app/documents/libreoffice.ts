/**
 * The LibreOffice converter: `soffice --headless --convert-to pdf`, one process per document with a
 * private profile folder (two runs sharing a profile block each other, and a crashed run leaves it
 * locked), a timeout that kills the whole process group (soffice starts a child, oosplash/soffice.bin),
 * and a cap on how many run at once (each takes a few hundred MB). The original is streamed to a
 * temporary file and the PDF streamed into the blob store; the temporary folder is always removed.
 */

import { spawn } from 'node:child_process';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { FILE_KIND_INFO, fileKindOf, type FileKind } from '../../domain/file-kinds.js';
import type { BlobStore } from '../../store/blobs.js';
import { ConversionError, ConverterUnavailableError, LIBREOFFICE_PACKAGES, type ConversionInput, type DocumentConverter, type PdfRendition } from './converter.js';
import { checkPdf } from './pdf-check.js';

/**
 * LibreOffice's import filter per kind. The kind was decided from the content at upload; naming the
 * filter keeps LibreOffice from guessing again, which for a damaged file means importing its bytes
 * as plain text and "converting" that.
 */
const IMPORT_FILTERS: Readonly<Record<Exclude<FileKind, 'pdf'>, string>> = {
  doc: 'MS Word 97',
  docx: 'MS Word 2007 XML',
  odt: 'writer8',
  xls: 'MS Excel 97',
  xlsx: 'Calc MS Excel 2007 XML',
  ods: 'calc8',
  rtf: 'Rich Text Format',
};

export interface LibreOfficeOptions {
  /** Path of the `soffice` program. */
  soffice: string;
  blobs: BlobStore;
  /** One conversion is killed after this long. */
  timeoutMs: number;
  /** Conversions running at once in this process; more wait their turn. */
  concurrency: number;
  /** Where the per-run temporary folders go; the system's temporary folder by default. */
  temporaryRoot?: string;
}

/** Keeps at most this much of LibreOffice's output for the error message. */
const MAX_OUTPUT_CHARS = 16 * 1024;

export function createLibreOfficeConverter(options: LibreOfficeOptions): DocumentConverter {
  const slots = createSlots(options.concurrency);
  return {
    canConvert: (mediaType) => importFilterOf(mediaType) !== undefined,
    async toPdf(document, { signal } = {}) {
      const filter = importFilterOf(document.mediaType);
      if (!filter) throw new ConversionError(`${document.filename} is ${document.mediaType}, which LibreOffice is not used to convert here.`);
      const release = await slots.take(signal);
      try {
        return await convert(options, document, filter.filter, filter.extension, signal);
      } finally {
        release();
      }
    },
  };
}

function importFilterOf(mediaType: string): { filter: string; extension: string } | undefined {
  const kind = fileKindOf(mediaType);
  if (kind === undefined || kind === 'pdf') return undefined;
  return { filter: IMPORT_FILTERS[kind], extension: FILE_KIND_INFO[kind].extension };
}

async function convert(options: LibreOfficeOptions, document: ConversionInput, filter: string, extension: string, signal: AbortSignal | undefined): Promise<PdfRendition> {
  const folder = await mkdtemp(join(options.temporaryRoot ?? tmpdir(), 'countersign-convert-'));
  try {
    // A fixed name: the user's file name never reaches the command line.
    const input = join(folder, `document${extension}`);
    await pipeline(await document.open(), createWriteStream(input, { mode: 0o600 }));
    const outputFolder = join(folder, 'out');
    const said = await runSoffice(options, document, [
      '--headless',
      '--norestore',
      '--nologo',
      '--nolockcheck',
      `--infilter=${filter}`,
      '--convert-to',
      'pdf',
      '--outdir',
      outputFolder,
      `-env:UserInstallation=${pathToFileURL(join(folder, 'profile')).href}`,
      input,
    ], folder, signal);

    const output = join(outputFolder, 'document.pdf');
    const size = await stat(output).then(
      (found) => found.size,
      () => undefined,
    );
    // soffice exits 0 when it could not load the file; the missing PDF is how that shows.
    if (size === undefined) throw new ConversionError(`LibreOffice could not convert ${document.filename}: ${said || 'it made no PDF'}.`);
    const pdf = await open(output, 'r');
    const inspection = await checkPdf(pdf, size).finally(() => pdf.close());
    if (!inspection.ok) throw new ConversionError(`LibreOffice made an unreadable PDF of ${document.filename}: ${inspection.reason}.`);
    const blob = await options.blobs.write(createReadStream(output));
    return { blob, pages: inspection.pageCount };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Runs soffice to its end; resolves with what it said (summarised), for the message when no PDF appears. */
function runSoffice(options: LibreOfficeOptions, document: ConversionInput, args: string[], home: string, signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    // detached: its own process group, so that a timeout kills soffice.bin along with the launcher.
    // HOME in the temporary folder: nothing of the run is left in the server user's home.
    const child = spawn(options.soffice, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: home } });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < MAX_OUTPUT_CHARS) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);

    let stopped: Error | undefined;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      stopped = new ConversionError(
        `LibreOffice did not finish converting ${document.filename} within ${formatDuration(options.timeoutMs)} (COUNTERSIGN_CONVERT_TIMEOUT_MS) and was stopped. A very large or complex document may need a longer limit.`,
      );
      killGroup();
    }, options.timeoutMs);
    const onAbort = () => {
      stopped = new Error(`The conversion of ${document.filename} was stopped because the server is stopping.`);
      killGroup();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (error?: Error, said = '') => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(said);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      finish(
        error.code === 'ENOENT' || error.code === 'EACCES'
          ? new ConverterUnavailableError(unavailableMessage(options.soffice))
          : new ConversionError(`LibreOffice could not be started to convert ${document.filename}: ${error.message}.`, { cause: error }),
      );
    });
    child.once('close', (code) => {
      // Whatever soffice left running in its group (a stuck soffice.bin) goes with it.
      killGroup();
      if (stopped) return finish(stopped);
      const said = summarise(output);
      if (code !== 0) return finish(new ConversionError(`LibreOffice could not convert ${document.filename} (exit code ${code})${said ? `: ${said}` : ''}.`));
      finish(undefined, said);
    });
  });
}

/**
 * LibreOffice's output in a sentence: its error lines first, without the progress lines and the
 * harmless Java warning every headless run prints.
 */
export function summarise(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('convert ') && !/javaldx|java may not function/i.test(line));
  const errors = lines.filter((line) => /error|fail|cannot|could not/i.test(line));
  const chosen = (errors.length > 0 ? errors : lines).slice(0, 3).map((line) => line.replace(/^Error:\s*/i, '').replace(/\.$/, ''));
  const text = chosen.join('; ');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

export function unavailableMessage(soffice: string | undefined): string {
  const where = soffice ? `LibreOffice was not found at ${soffice} (COUNTERSIGN_SOFFICE)` : 'LibreOffice (soffice) is not installed on this server';
  return `${where}, so office documents cannot be converted to PDF. Install the Debian packages ${LIBREOFFICE_PACKAGES.join(' and ')} (or point COUNTERSIGN_SOFFICE at soffice) and restart the server.`;
}

/**
 * The `soffice` to run: `configured` (COUNTERSIGN_SOFFICE) when given, else the first `soffice` or
 * `libreoffice` on PATH. undefined when none is executable.
 */
export async function findSoffice(configured: string | undefined, path: string = process.env.PATH ?? ''): Promise<string | undefined> {
  const candidates = configured !== undefined ? [configured] : path.split(delimiter).filter(Boolean).flatMap((folder) => [join(folder, 'soffice'), join(folder, 'libreoffice')]);
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      const found = await stat(candidate);
      if (found.isFile()) return candidate;
    } catch {
      // Not there or not executable: try the next.
    }
  }
  return undefined;
}

/** At most `size` holders at once; the others wait in order. A waiter whose signal aborts leaves the line. */
function createSlots(size: number): { take(signal?: AbortSignal): Promise<() => void> } {
  let free = Math.max(1, size);
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    take(signal) {
      if (free > 0) {
        free -= 1;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(once(release));
        };
        const onAbort = () => {
          const index = waiting.indexOf(grant);
          if (index >= 0) waiting.splice(index, 1);
          reject(new Error('The conversion was stopped before it started because the server is stopping.'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(grant);
      });
    },
  };
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
