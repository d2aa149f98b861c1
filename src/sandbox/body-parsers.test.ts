import Fastify from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { installBodyParsers } from './body-parsers.js';

class Refusal extends Error {
  statusCode = 400;
}

const app = Fastify();
installBodyParsers(app, { jsonTypes: ['application/json', 'text/json'], refuse: (message) => new Refusal(`refused: ${message}`) });
app.post('/echo', async (request) => ({ body: request.body === undefined ? '(none)' : Buffer.isBuffer(request.body) ? `buffer ${request.body.length}` : request.body }));
afterAll(() => app.close());

const post = (type: string, payload: string) => app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': type }, payload });

it('reads JSON of every given type, an empty body as none, forms as an object, anything else raw', async () => {
  expect((await post('text/json', '{"a":1}')).json()).toEqual({ body: { a: 1 } });
  expect((await post('application/json', '  ')).json()).toEqual({ body: '(none)' });
  expect((await post('application/x-www-form-urlencoded', 'a=1&b=two')).json()).toEqual({ body: { a: '1', b: 'two' } });
  expect((await post('application/pdf', '%PDF')).json()).toEqual({ body: 'buffer 4' });
});

it('refuses a body that is not JSON with the error the sandbox gives', async () => {
  const response = await post('application/json', '{');
  expect(response.statusCode).toBe(400);
  expect(response.json().message).toMatch(/^refused: The body is not valid JSON: /);
});
