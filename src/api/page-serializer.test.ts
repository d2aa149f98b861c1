import { createRequire } from 'node:module';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { fastifyCompilers } from './lazy-compilers.js';
import { withJsonItems, type Serialize } from './page-serializer.js';
import { pageOf } from './schemas.js';

const Item = Type.Object({ name: Type.String(), size: Type.Integer() });

/** The response serializer the server gives a route answering `schema`, and fast-json-stringify's own (the page whole). */
function serializers(schema: unknown): { ours: Serialize; whole: Serialize } {
  const route = { schema, method: 'GET', url: '/things', httpStatus: '200' };
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const compiler = (fromFastify('@fastify/fast-json-stringify-compiler') as () => (external: unknown, options: unknown) => (route: unknown) => Serialize)();
  return { ours: fastifyCompilers().buildSerializer({}, {})(route), whole: compiler({}, {})(route) };
}

describe('a page of a list, serialised item by item', () => {
  const { ours, whole } = serializers(pageOf(Item));

  it('gives the bytes of the whole page serialised at once, as a Buffer', () => {
    const page = { data: Array.from({ length: 100 }, (_, index) => ({ name: `Thing ${index} — “quoted” \u2028`, size: index, dropped: 'not in the schema' })), nextCursor: 'next "data":[] cursor' };
    const answer = ours(page);
    expect(Buffer.isBuffer(answer)).toBe(true);
    expect(answer.toString('utf8')).toBe(whole(page));
    expect(JSON.parse(answer.toString('utf8'))).toEqual({ data: page.data.map(({ name, size }) => ({ name, size })), nextCursor: page.nextCursor });
  });

  it('serialises an empty page and a last page (no cursor)', () => {
    expect(ours({ data: [], nextCursor: null }).toString()).toBe('{"data":[],"nextCursor":null}');
    expect(ours({ data: [{ name: 'a', size: 1 }], nextCursor: null }).toString()).toBe('{"data":[{"name":"a","size":1}],"nextCursor":null}');
  });

  it('takes a page with more after its data (the events feed) the same way', () => {
    const feed = serializers(Type.Object({ data: Type.Array(Item), nextCursor: Type.String(), hasMore: Type.Boolean() }));
    const page = { data: [{ name: 'a', size: 1 }, { name: 'b', size: 2 }], nextCursor: 'x', hasMore: true };
    expect(feed.ours(page)).toEqual(Buffer.from(String(feed.whole(page))));
  });

  it('puts in as it is an item that is JSON text already, on a page marked so, and serialises the others', () => {
    const text = '{"name":"as written","size":7}';
    expect(ours(withJsonItems({ data: [text, { name: 'b', size: 2, dropped: 'x' }], nextCursor: null })).toString()).toBe(`{"data":[${text},{"name":"b","size":2}],"nextCursor":null}`);
    // Unmarked, a string is an item like any other, for the schema to refuse or coerce.
    expect(() => ours({ data: [text], nextCursor: null })).toThrow();
  });

  it('leaves every other schema to fast-json-stringify, as a string', () => {
    const { ours: other } = serializers(Type.Object({ total: Type.Integer(), data: Type.Array(Item) }));
    expect(other({ total: 1, data: [{ name: 'a', size: 1 }] })).toBe('{"total":1,"data":[{"name":"a","size":1}]}');
  });
});
