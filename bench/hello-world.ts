/**
 * The baseline of the API figures: a bare Fastify hello-world, started in its own process the same
 * way as the server (`--import tsx`), so that the latency ratios compare Countersign's request
 * handling with Fastify's own floor on the same machine, at the same time. Prints its URL.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`hello-world listening at ${address}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
