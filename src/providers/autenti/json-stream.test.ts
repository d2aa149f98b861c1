import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors.js';
import { parseJsonObjects } from './json-stream.js';

async function collect(chunks: Array<string | Uint8Array>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of parseJsonObjects(chunks, 'listing')) items.push(item);
  return items;
}

const processes = [
  { id: 'DOCUMENT_PROCESS:ac842283-afd4-4e26-9873-2bf35bd89b42', title: 'Sailing {boat} "rental"', modifiedAt: '2020-10-21T15:48:34.863Z' },
  { id: 'DOCUMENT_PROCESS:526803c2-ed2c-4427-9533-ce432639b2c8', title: 'Umowa \\ zażółć', parties: [{ role: 'SIGNER' }] },
  { id: 'DOCUMENT_PROCESS:7afaa96f-3d73-44e4-9551-af9a2014388c' },
];

describe('parseJsonObjects', () => {
  it('reads one object per line with blank lines (application/stream+json)', async () => {
    const body = `${processes.map((p) => JSON.stringify(p)).join('\n\n')}\n\n`;
    expect(await collect([body])).toEqual(processes);
  });

  it('reads pretty-printed concatenated objects and a JSON array', async () => {
    expect(await collect([processes.map((p) => JSON.stringify(p, null, 2)).join('')])).toEqual(processes);
    expect(await collect([JSON.stringify(processes, null, 1)])).toEqual(processes);
    expect(await collect(['[]'])).toEqual([]);
    expect(await collect([''])).toEqual([]);
  });

  it('reads the same objects whatever the chunk boundaries, multi-byte characters included', async () => {
    const bytes = Buffer.from(processes.map((p) => `${JSON.stringify(p)}\n`).join(''), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = points.slice(1).map((end, index) => bytes.subarray(points[index], end));
        expect(await collect(chunks)).toEqual(processes);
      }),
    );
  });

  it('turns a body cut off inside an object into unavailable', async () => {
    const body = `${JSON.stringify(processes[0])}\n{"id":"DOCUMENT_PROCESS:526803c2","title":"Umo`;
    const items: unknown[] = [];
    const error = await (async () => {
      for await (const item of parseJsonObjects([body], 'listing document processes')) items.push(item);
    })().catch((e: unknown) => e);
    expect(items).toEqual([processes[0]]);
    expect(ProviderError.is(error, 'unavailable')).toBe(true);
    expect((error as Error).message).toContain('cut off');
  });

  it('refuses text between objects', async () => {
    const error = await collect(['{"id":"a"} // omitted\n']).catch((e: unknown) => e);
    expect(ProviderError.is(error, 'unavailable')).toBe(true);
  });
});
