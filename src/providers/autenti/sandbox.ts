import type { FastifyPluginAsync } from 'fastify';
import type { SandboxDescriptor, SandboxPluginOptions } from '../descriptor.js';

/**
 * The Autenti sandbox (src/sandbox/autenti/, written from the seed apart from this adapter) as the
 * server mounts it and the CLI runs it. Imported lazily: a server with sandboxes off never loads it.
 */
export const autentiSandboxDescriptor: SandboxDescriptor = {
  mountPath: '/sandbox/autenti',
  apiPath: 'api/v2/',
  pages: {
    integrationSettings: 'integration-settings',
    mailbox: '_sandbox/mailbox?to=EMAIL',
  },
  async plugin() {
    const { autentiSandbox } = await import('../../sandbox/autenti/index.js');
    // The options are the same shape; the control handed to onControl is AutentiSandboxControl.
    return autentiSandbox as unknown as FastifyPluginAsync<SandboxPluginOptions>;
  },
  async start(options) {
    const { startAutentiSandbox } = await import('../../sandbox/autenti/index.js');
    return startAutentiSandbox(options);
  },
  /**
   * The steps of the connector guide (seed 000 §3), against the sandbox's Integration settings in
   * process: add an API client (with notification_management, so that the connection subscribes itself
   * to events when it is verified — no callback URL to paste), connect with its id and secret, paste our
   * public key.
   */
  async provision(control, connect) {
    const { createClient, setPublicKey } = control as import('../../sandbox/autenti/index.js').AutentiSandboxControl;
    const client = await createClient({ name: 'Countersign (built-in)', scopes: ['full', 'notification_management'] });
    const connection = await connect({
      name: 'Autenti sandbox (built-in)',
      credentials: { clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: 'sender@countersign.example' },
    });
    await setPublicKey(client.clientId, connection.publicJwk);
  },
};
