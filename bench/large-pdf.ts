import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * A valid one-page PDF of about `megabytes`: its page's content stream is that many megabytes of
 * comment lines (nothing to draw), written in pieces so that the bench does not hold it either. Uploaded to measure streaming.
 */
export async function writeLargePdf(path: string, megabytes: number): Promise<void> {
  const out = createWriteStream(path);
  const offsets: number[] = [];
  let written = 0;
  const write = async (text: string | Buffer) => {
    written += typeof text === 'string' ? Buffer.byteLength(text, 'latin1') : text.length;
    if (!out.write(text)) await once(out, 'drain');
  };
  const object = async (body: string) => {
    offsets.push(written);
    await write(`${offsets.length} 0 obj\n${body}\nendobj\n`);
  };
  // 1 MB of comment lines per write.
  const block = Buffer.from(`%${'x'.repeat(1022)}\n`.repeat(1024), 'latin1');
  await write('%PDF-1.4\n');
  await object('<< /Type /Catalog /Pages 2 0 R >>');
  await object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  await object('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>');
  offsets.push(written);
  await write(`4 0 obj\n<< /Length ${megabytes * block.length} >>\nstream\n`);
  for (let index = 0; index < megabytes; index += 1) await write(block);
  await write('\nendstream\nendobj\n');
  const xref = written;
  await write(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`);
  await write(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  out.end();
  await once(out, 'finish');
}
