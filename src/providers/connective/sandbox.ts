import type { FastifyPluginAsync } from 'fastify';
import type { SandboxDescriptor, SandboxPluginOptions } from '../descriptor.js';

/**
 * The Connective eSignatures sandbox (src/sandbox/connective/, written from seed 001 apart from this
 * adapter) as the server mounts it and the CLI runs it. Imported lazily: a server with sandboxes off
 * never loads it.
 */
export const connectiveSandboxDescriptor: SandboxDescriptor = {
  mountPath: '/sandbox/connective',
  apiPath: 'webportalapi/v3/',
  pages: {
    mailbox: '_sandbox/mailbox?to=EMAIL',
    sms: '_sandbox/sms',
  },
  async plugin() {
    const { connectiveSandbox } = await import('../../sandbox/connective/index.js');
    // The options are the same shape; the control handed to onControl is ConnectiveSandboxControl.
    return connectiveSandbox as unknown as FastifyPluginAsync<SandboxPluginOptions>;
  },
  async start(options) {
    const { startConnectiveSandbox } = await import('../../sandbox/connective/index.js');
    return startConnectiveSandbox(options);
  },
  /**
   * What a Connective administrator does for an integration (seed 001 "Creating a connection"): make
   * an API user, and enter its username and password in the connection. The callback URL needs no
   * registering: it goes with each package (`CallBackUrl`).
   */
  async provision(control, connect) {
    const { createApiUser } = control as import('../../sandbox/connective/index.js').ConnectiveSandboxControl;
    const user = await createApiUser({ name: 'Countersign (built-in)' });
    await connect({ name: 'Connective sandbox (built-in)', credentials: { username: user.username, password: user.password } });
  },
};
