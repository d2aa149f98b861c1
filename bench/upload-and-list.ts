/**
 * Measures what the foundation promises about resources: an upload streams (the server's memory does
 * not grow with the file), and listing stays quick with many envelopes. Prints figures; asserts nothing.
 *
 *   npx tsx bench/upload-and-list.ts [uploadMb=200] [envelopes=5000]
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { apiClient } from '../test/support/http.js';
import { FIXTURES } from '../test/support/fixtures.js';
import { startServer, temporaryDataDir } from '../test/support/server.js';

const uploadMb = Number(process.argv[2] ?? 200);
const envelopeCount = Number(process.argv[3] ?? 5000);

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const folder = temporaryDataDir();
const server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_MAX_UPLOAD_MB: String(uploadMb + 1), COUNTERSIGN_LOG_LEVEL: 'warn' } });
const api = apiClient(server.url, server.apiKey);
const pid = server.pid;
try {
  const rssBefore = peakRssMb(pid);
  // A real PDF header followed by filler, generated on the fly: the client never holds it whole either.
  const head = readFileSync(FIXTURES.pdf);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const body = Readable.from((function* () {
    yield head;
    for (let i = 0; i < uploadMb; i++) yield chunk;
  })());
  const boundary = 'countersign-bench';
  const multipart = Readable.from((async function* () {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    for await (const part of body) yield part as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  })());
  const started = performance.now();
  const response = await fetch(new URL('/api/v1/documents', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Readable.toWeb(multipart) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const uploaded = (await response.json()) as { id: string; size: number };
  const seconds = (performance.now() - started) / 1000;
  const documentId = uploaded.id;
  console.log(`upload: ${uploadMb} MB in ${seconds.toFixed(2)} s (${(uploadMb / seconds).toFixed(0)} MB/s), status ${response.status}`);
  console.log(`server peak RSS: ${rssBefore.toFixed(0)} MB before, ${peakRssMb(pid).toFixed(0)} MB after the upload`);

  const createStarted = performance.now();
  for (let i = 0; i < envelopeCount; i++) {
    await api.post('/api/v1/envelopes', {
      title: `Bench ${i}`,
      documentIds: [documentId],
      participants: [{ firstName: 'Bench', lastName: `Person ${i}`, email: `bench${i}@example.com`, role: 'signer' }],
    });
  }
  const createSeconds = (performance.now() - createStarted) / 1000;
  console.log(`create: ${envelopeCount} envelopes in ${createSeconds.toFixed(1)} s (${(envelopeCount / createSeconds).toFixed(0)}/s, sequential)`);

  const timings: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const pageStarted = performance.now();
    const page: any = await api.get(`/api/v1/envelopes?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    timings.push(performance.now() - pageStarted);
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor);
  timings.sort((a, b) => a - b);
  console.log(`list: ${pages} pages of 100; median ${timings[Math.floor(timings.length / 2)]!.toFixed(1)} ms, p95 ${timings[Math.floor(timings.length * 0.95)]!.toFixed(1)} ms`);
  const searchStarted = performance.now();
  await api.get('/api/v1/envelopes?q=person%204999');
  console.log(`search by participant name over ${envelopeCount}: ${(performance.now() - searchStarted).toFixed(1)} ms`);
  console.log(`server peak RSS at the end: ${peakRssMb(pid).toFixed(0)} MB`);
} finally {
  await server.stop();
  folder.remove();
}
