/**
 * A list's answer (`{ data: [...], … }`: `pageOf` in schemas.ts, the events feed's page, the short
 * lists) serialised item by item into a Buffer, with the same compiled serializers and the same bytes
 * as serialising it whole.
 *
 * Why: fast-json-stringify builds its output by concatenation, a string of thousands of pieces that
 * must be flattened before it is sent (Fastify's `Buffer.byteLength` for Content-Length does it). A
 * page of 100 envelopes is ~140 KB, and V8 keeps a flat string of more than 128 KB in its large-object
 * space, memory it maps afresh for each one: flattening such a page took ~0.7 ms where a 120 KB one
 * took 0.03 (a fifth of what a list of 100 costs the server). Each item's string is small, and the
 * bytes of them all go out as one Buffer, which the socket takes as it is.
 */

/** What Fastify's serializer compiler makes of one route's response schema. */
export type Serialize = (data: unknown) => string | Buffer;
type CompileRoute<Route> = (route: Route) => Serialize;

interface JsonSchema {
  type?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

/**
 * Whether `schema` is a list's answer: an object whose first property is a `data` array (`pageOf`,
 * the events feed's page with its `hasMore`, `{ data }` alone). fast-json-stringify writes properties
 * in the schema's order.
 */
function isPage(schema: unknown): schema is JsonSchema & { properties: { data: JsonSchema & { items: JsonSchema } } } {
  const { type, properties } = (schema ?? {}) as JsonSchema;
  return type === 'object' && Object.keys(properties ?? {})[0] === 'data' && properties?.data?.type === 'array' && properties.data.items !== undefined;
}

/** `compile`, with a page's schema compiled into {@link servePage}; every other schema as `compile` makes it. */
export function pagesAsBuffers<Route extends { schema: unknown }>(compile: CompileRoute<Route>): CompileRoute<Route> {
  return (route) => {
    const { schema } = route;
    if (!isPage(schema)) return compile(route);
    return servePage(compile(route), compile({ ...route, schema: schema.properties.data.items }));
  };
}

const JSON_ITEMS = Symbol('items that are strings are JSON text');

/**
 * A page some of whose items may be JSON text already, in the shape of the route's item schema (the
 * envelope list on SQLite: store/envelope-summaries.ts): {@link servePage} puts such text in as it is,
 * and serialises the other items.
 */
export function withJsonItems<Page extends { data: readonly unknown[] }>(page: Page): Page & { [JSON_ITEMS]: true } {
  return { ...page, [JSON_ITEMS]: true };
}

/** How the page's own serializer begins a page: `data` is its first property. */
const PAGE_START = '{"data":[';

/**
 * The page without its items (`{"data":[],"nextCursor":…}`, by the page's own serializer), with the
 * items' JSON put between the brackets.
 */
function servePage(serializePage: Serialize, serializeItem: Serialize): Serialize {
  return (page) => {
    const { data, [JSON_ITEMS]: itemsAreJson } = page as { data: unknown[]; [JSON_ITEMS]?: true };
    const rest = String(serializePage({ ...(page as object), data: [] })).slice(PAGE_START.length);
    const parts = [Buffer.from(PAGE_START)];
    const json = (item: unknown) => (itemsAreJson && typeof item === 'string' ? item : String(serializeItem(item)));
    data.forEach((item, index) => parts.push(Buffer.from(`${index === 0 ? '' : ','}${json(item)}`)));
    parts.push(Buffer.from(rest));
    return Buffer.concat(parts);
  };
}
