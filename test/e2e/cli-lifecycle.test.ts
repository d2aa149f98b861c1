import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner, eventually, type CliRun } from '../support/cli.js';
import { countersignArgs } from '../support/countersign-command.js';
import { FIXTURES } from '../support/fixtures.js';
import { inspectPdfSignatures } from '../support/pdf-signatures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
let downloads: string;
let countersign: ReturnType<typeof cliRunner>;

beforeAll(async () => {
  folder = temporaryDataDir();
  downloads = mkdtempSync(join(tmpdir(), 'countersign-downloads-'));
  // No scheduled sync: what the provider did reaches the server only by the `envelopes sync` under test.
  // (The schedule's runs fall on wall-clock multiples of its interval: a run that crossed one found the
  // envelope synced already, "Nothing to sync".)
  server = await startServer({ dataDir: folder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' } });
  countersign = cliRunner(server);
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/** The built-in sandbox's control routes (with the installation's API key): what a person does in Autenti's web app, by JSON. */
const sandbox = {
  async call<T>(method: string, path: string, body: unknown): Promise<T> {
    const response = await fetch(`${server.url}/sandbox/autenti/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  },
  createClient: (name: string) => sandbox.call<{ clientId: string; clientSecret: string }>('POST', '/clients', { name }),
  registerKey: (clientId: string, jwk: unknown) => sandbox.call('PUT', `/clients/${encodeURIComponent(clientId)}/public-key`, jwk),
  act: (processId: string, email: string, action: string) =>
    sandbox.call('POST', `/document-processes/${encodeURIComponent(processId)}/parties/${encodeURIComponent(email)}/actions`, { action }),
};

const ok = (run: CliRun) => {
  expect(run.stderr, `stdout:\n${run.stdout}`).not.toMatch(/^Error/m);
  expect(run.code).toBe(0);
  return run;
};
const json = <T = any>(run: CliRun): T => JSON.parse(ok(run).stdout) as T;
const jwkLines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('{'));

/** Adds a connection to a new sandbox API client and returns the CLI's output, the connection id and the public key it printed. */
async function addConnection(name: string, secret?: string) {
  const client = await sandbox.createClient(name);
  const run = await countersign([
    'connections',
    'add',
    'autenti',
    '--name',
    name,
    '--url',
    'sandbox',
    '--client-id',
    client.clientId,
    '--client-secret',
    secret ?? client.clientSecret,
    '--account-email',
    'sender@example.com',
  ]);
  ok(run);
  const id = /Added connection (con_\w+)/.exec(run.stdout)?.[1];
  expect(id, run.stdout).toBeDefined();
  const lines = jwkLines(run.stdout);
  expect(lines).toHaveLength(1);
  return { run, client, id: id!, jwk: JSON.parse(lines[0]!) as Record<string, unknown> };
}

async function createEnvelope(title: string, connectionId: string, participants: string[]): Promise<string> {
  const document = json(await countersign(['--json', 'documents', 'upload', FIXTURES.pdf]));
  const envelope = json(
    await countersign([
      '--json',
      'envelopes',
      'create',
      '--title',
      title,
      '--connection',
      connectionId,
      '--document',
      document.id,
      ...participants.flatMap((participant) => ['--participant', participant]),
    ]),
  );
  expect(envelope.status).toBe('ready');
  return envelope.id;
}

// Each step is a fresh CLI process (0.5 s on a quiet machine, several seconds on a busy one): a test of
// a dozen steps needs much of the suite's 120-s test limit on a loaded machine.
describe('countersign connections', () => {
  it('lists the built-in sandbox connections of a fresh server, Autenti’s as the default', async () => {
    const listed = ok(await countersign(['connections', 'list']));
    expect(listed.stdout).toMatch(/^id\s+name\s+provider\s+environment\s+default\s+health$/m);
    expect(listed.stdout).toMatch(/^con_\w+\s+.+\s+autenti\s+sandbox\s+yes\s+\w+$/m);
    expect(listed.stdout).toMatch(/^con_\w+\s+.+\s+connective\s+sandbox\s+no\s+\w+$/m);
    const connections = json(await countersign(['connections', 'list', '--json'])).data;
    expect(connections.map((connection: any) => [connection.provider, connection.environment, connection.isDefault])).toEqual([
      ['autenti', 'sandbox', true],
      ['connective', 'sandbox', false],
      ['consigno', 'sandbox', false],
    ]);
  });

  it('refuses, without a terminal, to add a connection with options missing, and names them', async () => {
    const run = await countersign(['connections', 'add', 'autenti', '--name', 'Half', '--url', 'sandbox']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Missing --client-id <id>, --client-secret <secret>, --account-email <email>');
    expect(run.stderr).toContain('run this command in a terminal');
    expect(/Missing .*/.exec(run.stderr)?.[0]).not.toContain('--name');
    const connections = json(await countersign(['--json', 'connections', 'list'])).data;
    expect(connections.map((connection: { name: string }) => connection.name)).not.toContain('Half');
  });

  it('adds an Autenti connection, prints its public key on one line, and verifies once the key is registered', async () => {
    const { run, client, id, jwk } = await addConnection('CLI sandbox');
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    for (const member of ['kid', 'n', 'e']) expect(typeof jwk[member]).toBe('string');
    expect(jwk).not.toHaveProperty('d');
    expect(run.stdout).toContain(
      `Paste this public key into Autenti → Integration settings → your API client → Edit → Public key, save, then run: countersign connections verify ${id}`,
    );
    expect(run.stdout + run.stderr).not.toContain(client.clientSecret);

    const unregistered = await countersign(['connections', 'verify', id]);
    expect(unregistered.code).toBe(1);
    expect(unregistered.stderr).toMatch(/^✗ /m);
    expect(unregistered.stderr).toMatch(/public key/i);
    expect(unregistered.stderr).toMatch(/no public key registered/i);

    await sandbox.registerKey(client.clientId, jwk);
    const verified = ok(await countersign(['connections', 'verify', id]));
    expect(verified.stdout).toMatch(/^✓ CLI sandbox \(con_\w+\): Connected/m);

    const shown = ok(await countersign(['connections', 'show', id]));
    expect(shown.stdout).toContain('health: ok');
    expect(jwkLines(shown.stdout).map((line) => JSON.parse(line))).toEqual([jwk]);
    expect(shown.stdout + shown.stderr).not.toContain(client.clientSecret);
  });

  it('says in plain words that the secret is wrong', async () => {
    const { client, id, jwk } = await addConnection('Wrong secret', 'not-the-secret');
    await sandbox.registerKey(client.clientId, jwk);
    const run = await countersign(['connections', 'verify', id]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/✗ Wrong secret \(con_\w+\): Autenti refused the client id or secret/);
    expect(run.stderr).not.toContain('not-the-secret');
    const shown = json(await countersign(['--json', 'connections', 'show', id]));
    expect(shown.health.status).toBe('error');
  });

  it('rotates the key, makes a connection the default, and removes it', async () => {
    const { client, id, jwk } = await addConnection('Rotating');
    await sandbox.registerKey(client.clientId, jwk);
    ok(await countersign(['connections', 'verify', id]));

    const rotated = ok(await countersign(['connections', 'rotate-key', id]));
    const [line] = jwkLines(rotated.stdout);
    const fresh = JSON.parse(line!);
    expect(fresh.kid).not.toBe(jwk.kid);
    expect(rotated.stdout).toContain(`then run: countersign connections verify ${id}`);
    expect((await countersign(['connections', 'verify', id])).code).toBe(1);
    await sandbox.registerKey(client.clientId, fresh);
    ok(await countersign(['connections', 'verify', id]));

    const builtIn = json(await countersign(['--json', 'connections', 'list'])).data.find((connection: { isDefault: boolean }) => connection.isDefault);
    ok(await countersign(['connections', 'default', id]));
    expect(ok(await countersign(['connections', 'list'])).stdout).toMatch(new RegExp(`^${id}\\s+Rotating\\s+autenti\\s+sandbox\\s+yes\\s+\\w+$`, 'm'));
    ok(await countersign(['connections', 'default', builtIn.id]));

    expect(ok(await countersign(['connections', 'remove', id])).stdout).toContain(`Removed connection ${id}`);
    expect(ok(await countersign(['connections', 'list'])).stdout).not.toContain(id);
  });
});

describe('countersign envelopes, from send to signed files', () => {
  let connectionId: string;

  beforeAll(async () => {
    // A connection made as a person would make it; its sandbox client has no callback URL, so only a sync brings news.
    const { client, id, jwk } = await addConnection('Lifecycle');
    await sandbox.registerKey(client.clientId, jwk);
    ok(await countersign(['connections', 'verify', id]));
    connectionId = id;
  });

  it(
    'sends, has both steps signed at the provider, syncs, and downloads a PDF with two valid signatures',
    async () => {
      const id = await createEnvelope('Boat rental agreement', connectionId, [
        'James,Dawson,james.dawson@example.com,signer,1',
        'Anna,Nowak,anna.nowak@example.com,signer,2',
      ]);

      const sent = ok(await countersign(['envelopes', 'send', id, '--wait']));
      expect(sent.stdout).toContain('Boat rental agreement  [sent]');
      expect(sent.stdout).toMatch(/step 1\s+signer\s+James Dawson <james.dawson@example.com>\s+notified/);
      const envelope = json(await countersign(['--json', 'envelopes', 'show', id]));
      expect(envelope.status).toBe('sent');
      expect(envelope.providerReference).toBeTruthy();

      await sandbox.act(envelope.providerReference, 'james.dawson@example.com', 'sign');
      await sandbox.act(envelope.providerReference, 'anna.nowak@example.com', 'sign');

      const synced = ok(await countersign(['envelopes', 'sync']));
      expect(synced.stderr).toMatch(/^Checked \d+ of \d+ envelopes?: \d+ changed, connections done \d+\/\d+, \d+ provider calls?$/m);
      expect(synced.stdout.trim()).toMatch(/^Synced \d+ envelopes? at \d+ connections?: \d+ changed, \d+ provider calls?$/);
      expect(synced.stdout).not.toMatch(/Checked/);

      const shown = ok(await countersign(['envelopes', 'show', id]));
      expect(shown.stdout).toContain('Boat rental agreement  [completed]');
      expect(shown.stdout).toMatch(/James Dawson <james.dawson@example.com>\s+completed/);
      expect(shown.stdout).toMatch(/Anna Nowak <anna.nowak@example.com>\s+completed/);

      // Signed files are fetched by a job once the envelope is completed.
      const artifacts = await eventually(
        async () => json<{ data: Array<{ id: string; kind: string; filename: string }> }>(await countersign(['--json', 'envelopes', 'artifacts', id])).data,
        (list) => list.some((artifact) => artifact.kind === 'signed'),
        'signed artifact archived',
      );
      const table = ok(await countersign(['envelopes', 'artifacts', id]));
      expect(table.stdout).toMatch(/^id\s+kind\s+filename\s+mediaType\s+size\s+createdAt$/m);
      // `show` says where the signed files are; `archive` has nothing to try again once they are stored.
      const archived = await eventually(async () => ok(await countersign(['envelopes', 'show', id])).stdout, (text) => /signed files: archived/.test(text), 'archive shown');
      expect(archived).toMatch(new RegExp(`^  signed files: archived \\S+ \\(countersign envelopes download ${id}\\)$`, 'm'));
      const refused = await countersign(['envelopes', 'archive', id]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/archived at .*nothing to try again/);

      const downloaded = ok(await countersign(['envelopes', 'download', id, '--out', downloads]));
      const paths = downloaded.stdout.trim().split('\n');
      expect(paths).toHaveLength(artifacts.length);
      const signed = artifacts.find((artifact) => artifact.kind === 'signed')!;
      const signedPath = join(downloads, signed.filename);
      expect(paths).toContain(signedPath);
      expect(readFileSync(signedPath).subarray(0, 5).toString()).toBe('%PDF-');
      const verdict = await inspectPdfSignatures(signedPath);
      expect(verdict.signatures, verdict.tool).toMatchObject([
        { signerCommonName: 'James Dawson', valid: true, coversWholeDocument: false },
        { signerCommonName: 'Anna Nowak', valid: true, coversWholeDocument: true },
      ]);

      const again = await countersign(['envelopes', 'download', id, '--out', downloads]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`Not overwriting ${signedPath}`);
      ok(await countersign(['envelopes', 'download', id, '--out', downloads, '--artifact', signed.id, '--force']));
      expect(existsSync(signedPath)).toBe(true);
    },
    180_000,
  );

  it(
    'withdraws and reminds a sent envelope through jobs, refuses what Autenti cannot do, deletes a draft',
    async () => {
      const id = await createEnvelope('To be withdrawn', connectionId, ['James,Dawson,james.dawson@example.com,signer,1']);
      const sent = json(await countersign(['--json', 'envelopes', 'send', id, '--wait']));
      expect(sent.status).toBe('sent');

      const reminded = ok(await countersign(['envelopes', 'remind', id]));
      expect(reminded.stdout).toContain(`Reminded James Dawson <james.dawson@example.com> (${id})`);
      // --no-wait hands back the job to follow instead of waiting for the provider.
      const started = json(await countersign(['--json', 'envelopes', 'remind', id, '--no-wait']));
      expect(started).toMatchObject({ name: 'envelope-action', id: expect.any(String) });

      // What Autenti cannot do is refused at once, naming the capability; the exit code says it failed.
      const extend = await countersign(['envelopes', 'extend-expiry', id, '2099-01-01T00:00:00Z']);
      expect(extend.code).toBe(1);
      expect(extend.stderr).toContain('"expiryChange"');
      const skip = await countersign(['envelopes', 'skip-pending', id]);
      expect(skip.code).toBe(1);
      expect(skip.stderr).toContain('"skipPending"');
      const remove = await countersign(['envelopes', 'delete', id, '--confirm']);
      expect(remove.code).toBe(1);
      expect(remove.stderr).toContain('"deletion"');

      const withdrawn = ok(await countersign(['envelopes', 'withdraw', id, '--reason', 'Terms changed']));
      expect(withdrawn.stdout).toContain('To be withdrawn  [withdrawn]');
      expect(json(await countersign(['--json', 'envelopes', 'show', id])).status).toBe('withdrawn');

      const refused = await countersign(['envelopes', 'withdraw', id]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^Error: .*withdrawn/m);

      const draft = await createEnvelope('Scrapped', connectionId, ['James,Dawson,james.dawson@example.com,signer,1']);
      expect(ok(await countersign(['envelopes', 'delete', draft])).stdout).toContain(`Deleted ${draft}.`);
      expect((await countersign(['envelopes', 'show', draft])).code).toBe(1);
    },
    120_000,
  );
});

describe('countersign sandbox', () => {
  it('runs the Autenti sandbox alone, prints where, and stops on SIGINT', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'countersign-sandbox-'));
    const child = spawn(process.execPath, countersignArgs('sandbox', 'autenti', '--port', '0', '--data-dir', dataDir), {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    try {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      // The lines may come in more than one chunk: waited for until the last one (Ctrl-C stops it.) is there.
      const url = await eventually(
        async () => (stdout.includes('Ctrl-C stops it.') ? /Autenti sandbox is running at (http:\/\/\S+)/.exec(stdout)?.[1] : undefined),
        (found) => found !== undefined,
        'sandbox address printed',
      );
      expect(stdout).toContain(`API root:             ${url}/api/v2/`);
      expect(stdout).toContain(`Integration settings: ${url}/integration-settings`);
      expect(stdout).toContain(`Mailbox:              ${url}/_sandbox/mailbox?to=EMAIL`);
      expect((await fetch(`${url}/integration-settings`)).status).toBe(200);
      const created = await fetch(`${url}/_sandbox/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'standalone' }) });
      expect(created.status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  it('refuses to open its control routes beyond loopback without --token', async () => {
    const refused = await countersign(['sandbox', 'autenti', '--host', '0.0.0.0', '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--host 0\.0\.0\.0 would open the sandbox's control routes to other machines.*--token/);
  });
});
