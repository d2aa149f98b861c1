import type { FastifyInstance } from 'fastify';

/**
 * The body parsers of a sandbox's own scope (shared by the sandboxes): JSON that may be empty (providers
 * send bodiless POSTs and DELETEs with a JSON content type), forms as a plain object, anything else as a
 * raw Buffer. `jsonTypes` are the media types the provider reads as JSON; `refuse` builds the sandbox's
 * own 400 for a body that is not JSON, in its provider's error shape.
 */
export function installBodyParsers(app: FastifyInstance, options: { jsonTypes: string[]; refuse: (message: string) => Error }): void {
  const replace = (type: string) => {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  };
  for (const type of options.jsonTypes) replace(type);
  app.addContentTypeParser(options.jsonTypes, { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(options.refuse(`The body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
  replace('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  replace('*');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}
