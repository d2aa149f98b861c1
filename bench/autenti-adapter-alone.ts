/**
 * Countersign's Autenti adapter on its own, in the bench's process: the same send as
 * raw-autenti-client.ts (the same envelope, the same six provider calls against the same sandbox),
 * through the adapter's HTTP client, outbound guard, schemas and checkpoint steps, with none of the
 * app around it (no API, queue, database or events; the checkpoint is kept in memory). Set beside
 * the raw client and the whole server, it tells where the send's time goes: in the provider calls,
 * or in what the app does around them.
 */
import { createHash, KeyObject, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { exportJWK, generateKeyPair } from 'jose';
import { LOOPBACK_ALLOWED } from '../src/net/outbound-guard.js';
import { createAutentiProvider } from '../src/providers/autenti/index.js';
import { createMemoryCheckpoint, type SendParticipant } from '../src/providers/provider.js';
import { sandboxControl } from '../test/support/sandbox-control.js';
import { NOTHING_ASKED } from '../test/support/send-participants.js';
import type { RawEnvelope } from './raw-autenti-client.js';

/** Registers an API client with a fresh key pair in the open (loopback) sandbox and returns `send`, as rawAutentiClient does. */
export async function autentiAdapterAlone(sandboxUrl: string, accountEmail: string, pdfPath: string) {
  const control = sandboxControl(() => sandboxUrl);
  const { clientId, clientSecret } = await control<{ clientId: string; clientSecret: string }>('POST', '/clients', { name: 'adapter bench client' });
  const keys = await generateKeyPair('RS256', { extractable: true });
  const keyId = `adapter-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
  await control('PUT', `/clients/${clientId}/public-key`, publicJwk);
  const provider = createAutentiProvider({
    id: 'con_bench',
    provider: 'autenti',
    baseUrl: `${sandboxUrl}/api/v2/`,
    credentials: { clientId, clientSecret, accountEmail },
    keyPair: { keyId, algorithm: 'RS256', publicJwk, privateKey: async () => KeyObject.from(keys.privateKey) },
    outbound: { allow: LOOPBACK_ALLOWED },
  });
  // The document read once, here, so that a send measures the adapter and not a file read (the server
  // reads each send's document from its blob store, and that counts in its figure).
  const pdf = readFileSync(pdfPath);
  const sha256 = createHash('sha256').update(pdf).digest('hex');

  /** Sends one envelope (its `pdf` unused: the bytes read above go); resolves with the process id once the adapter has it sent and read back. */
  async function send(envelope: RawEnvelope): Promise<string> {
    const participants: SendParticipant[] = envelope.signers.map((signer, index) => ({ id: `par_${index}`, ...signer, ...NOTHING_ASKED }));
    const result = await provider.send(
      {
        envelopeId: `env_${randomUUID()}`,
        title: envelope.title,
        message: null,
        language: 'en',
        expiresAt: null,
        externalRef: null,
        callbackUrl: null,
        documents: [{ id: 'doc_1', filename: 'contract.pdf', mediaType: 'application/pdf', size: pdf.length, sha256, open: async () => Readable.from([pdf]) }],
        participants,
      },
      createMemoryCheckpoint(),
    );
    return result.reference;
  }

  return { send, close: () => provider.dispose() };
}
