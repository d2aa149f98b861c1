import type { FastifyPluginAsync } from 'fastify';
import type { SandboxDescriptor, SandboxPluginOptions } from '../descriptor.js';

/**
 * The ConsignO Cloud sandbox (src/sandbox/consigno/, written from seed 002 and the references apart
 * from this adapter) as the server mounts it and the CLI runs it. Imported lazily: a server with
 * sandboxes off never loads it.
 */
export const consignoSandboxDescriptor: SandboxDescriptor = {
  mountPath: '/sandbox/consigno',
  apiPath: 'api/v1/',
  pages: {
    mailbox: '_sandbox/mailbox?to=EMAIL',
    sms: '_sandbox/sms',
  },
  async plugin() {
    const { consignoSandbox } = await import('../../sandbox/consigno/index.js');
    // The options are the same shape; the control handed to onControl is ConsignoSandboxControl.
    return consignoSandbox as unknown as FastifyPluginAsync<SandboxPluginOptions>;
  },
  async start(options) {
    const { startConsignoSandbox } = await import('../../sandbox/consigno/index.js');
    return startConsignoSandbox(options);
  },
  /**
   * What a ConsignO Cloud administrator does for an integration: make an API user and enter its key
   * and secret in the connection. The webhook URL needs no registering: it goes with each workflow.
   * The user is one whose tenant has the second factor turned off (a setting Notarius offers), so the
   * guide's simple flow, signers invited by email alone, works out of the box; the sandbox's own
   * default (and a new user made through its control routes) keeps ConsignO's two-factor rule.
   */
  async provision(control, connect) {
    const { createApiUser } = control as import('../../sandbox/consigno/index.js').ConsignoSandboxControl;
    const user = await createApiUser({ name: 'Countersign (built-in)', secondFactorRequired: false });
    await connect({ name: 'ConsignO Cloud sandbox (built-in)', credentials: { username: user.username, password: user.password } });
  },
};
