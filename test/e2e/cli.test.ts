import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

/** Runs `countersign …` from source, as `npx countersign …` would, against the test server. */
const countersign = (args: string[], env: Record<string, string> = {}) => cliRunner(server)(args, env);

describe('the countersign command', () => {
  it('says how many pages an uploaded PDF has, and warns of the JavaScript it carries', async () => {
    const plain = await countersign(['documents', 'upload', FIXTURES.pdf]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^Uploaded sample\.pdf as doc_\w+ \(application\/pdf, 1 page, \d+ bytes, sha256 [0-9a-f]{64}\)$/m);
    expect(plain.stdout).not.toContain('Warning');

    const pdf = await PDFDocument.create();
    pdf.addPage();
    pdf.addJavaScript('greeting', 'app.alert("hello")');
    const file = join(folder.dataDir, 'scripted.pdf');
    writeFileSync(file, await pdf.save());
    const scripted = await countersign(['documents', 'upload', file]);
    expect(scripted.code).toBe(0);
    expect(scripted.stdout).toMatch(/^  Warning: .*JavaScript/m);
  });

  it('prints help', async () => {
    const result = await countersign(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['start', 'documents', 'envelopes', 'keys']) expect(result.stdout).toContain(command);
  });

  it('uploads a document and creates, lists and shows an envelope with two participants in two steps', async () => {
    const upload = await countersign(['--json', 'documents', 'upload', FIXTURES.pdf]);
    expect(upload.code).toBe(0);
    const document = JSON.parse(upload.stdout);
    expect(document.mediaType).toBe('application/pdf');

    const created = await countersign([
      'envelopes',
      'create',
      '--title',
      'CLI agreement',
      '--document',
      document.id,
      '--participant',
      'James,Dawson,james@example.com,signer,1',
      '--participant',
      'Anna,Nowak,anna@example.com,signer,2',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('CLI agreement  [ready]');
    expect(created.stdout).toMatch(/step 1\s+signer\s+James Dawson <james@example.com>\s+pending/);
    expect(created.stdout).toMatch(/step 2\s+signer\s+Anna Nowak <anna@example.com>\s+pending/);
    const id = /id: (env_\w+)/.exec(created.stdout)![1]!;

    const listed = await countersign(['envelopes', 'list', '--status', 'ready']);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+ready\\s+CLI agreement\\s+2`));

    const shown = await countersign(['--json', 'envelopes', 'show', id]);
    expect(JSON.parse(shown.stdout).participants).toHaveLength(2);
  });

  it('creates an envelope with an SMS code and a signature level, adds a person again as receiver, and names what Autenti lacks', async () => {
    const document = JSON.parse((await countersign(['--json', 'documents', 'upload', FIXTURES.pdf])).stdout);
    const created = await countersign([
      'envelopes',
      'create',
      '--title',
      'CLI options',
      '--document',
      document.id,
      '--participant',
      'James,Dawson,james@example.com,signer,1,auth=sms,phone=+48722722722,level=qualified',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/step 1\s+signer\s+James Dawson <james@example.com>\s+pending\s+\[sms, qualified\]/);
    const id = /id: (env_\w+)/.exec(created.stdout)![1]!;

    const added = await countersign(['envelopes', 'participants', 'add', id, 'James,Dawson,james@example.com,receiver,2']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^Added par_\w+: step 2\s+receiver\s+James Dawson/m);

    const embedded = await countersign([
      'envelopes', 'participants', 'add', id, 'Anna,Nowak,anna@example.com',
      '--return-url', 'https://crm.example.com/done',
      // Autenti takes signature boxes (VISUALISATION, issue 9) but no text anchors.
      '--field', `type=signature,doc=${document.id},anchor=[[sign-1]]`,
    ]);
    expect(embedded.code).toBe(1);
    expect(embedded.stderr).toContain('capability "embeddedSigning"');
    expect(embedded.stderr).toContain('capability "signatureFields"');

    const participantId = JSON.parse((await countersign(['--json', 'envelopes', 'show', id])).stdout).participants[0].id;
    const url = await countersign(['envelopes', 'signing-url', id, participantId]);
    expect(url.code).toBe(1);
    expect(url.stderr).toContain('capability "embeddedSigning"');
  });

  it('creates, lists and revokes API keys', async () => {
    const created = await countersign(['--json', 'keys', 'create', 'from the CLI']);
    const key = JSON.parse(created.stdout);
    expect(key.secret).toMatch(/^csk_/);
    const listed = await countersign(['keys', 'list']);
    expect(listed.stdout).toContain(key.id);
    expect(listed.stdout).not.toContain(key.secret);
    const revoked = await countersign(['keys', 'revoke', key.id]);
    expect(revoked.stdout).toContain(`Revoked ${key.id}`);
    const refused = await countersign(['envelopes', 'list'], { COUNTERSIGN_API_KEY: key.secret });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The server refused the API key');
  });

  it('creates a key limited to scopes, and invites a user with a link', async () => {
    const created = await countersign(['--json', 'keys', 'create', 'reporting', '--scope', 'envelopes:read', 'documents:read']);
    const key = JSON.parse(created.stdout);
    expect(key.scopes).toEqual(['envelopes:read', 'documents:read']);
    const refused = await countersign(['keys', 'list'], { COUNTERSIGN_API_KEY: key.secret });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('keys:admin');

    const invited = await countersign(['users', 'invite', 'cli.person@example.com', 'viewer']);
    expect(invited.code).toBe(0);
    expect(invited.stdout).toMatch(new RegExp(`${server.url}/invitation#[A-Za-z0-9_-]{43}`));
    expect((await countersign(['users', 'list'])).stdout).toMatch(/cli\.person@example\.com\s+viewer\s+invited/);
  });

  it('says plainly when the server cannot be reached', async () => {
    const result = await countersign(['envelopes', 'list'], { COUNTERSIGN_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach Countersign at http://127.0.0.1:9');
    expect(result.stderr).toContain('Is the server running?');
  });

  it('shows the server’s reasons for a refused request', async () => {
    const result = await countersign(['envelopes', 'create', '--title', 'Bad', '--participant', 'A,B,not-an-email']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('participants[0].email: must be a valid email address');
  });
});

/** `countersign templates …`: save an envelope as a template, then bulk send it to a CSV and wait for each row's result. */
describe('countersign templates', () => {
  it('saves an envelope as a template and bulk sends it to a CSV, printing each row’s result', async () => {
    const document = JSON.parse((await countersign(['--json', 'documents', 'upload', FIXTURES.pdf])).stdout);
    const created = await countersign(['--json', 'envelopes', 'create', '--title', 'Lease', '--document', document.id, '--participant', 'Anna,Nowak,anna@example.com,signer,1']);
    const envelope = JSON.parse(created.stdout);

    const saved = await countersign(['templates', 'save', envelope.id, '--name', 'Lease template']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/^Saved template tpl_\w+, roles signer1$/m);
    const templateId = /(tpl_\w+)/.exec(saved.stdout)![1]!;
    const listed = await countersign(['templates', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${templateId}\\s+Lease template\\s+signer1`));

    const csv = join(folder.dataDir, 'tenants.csv');
    writeFileSync(csv, 'signer1.firstName,signer1.lastName,signer1.email\nCarla,Jansen,carla@example.com\nEve,Broken,not-an-email\nGina,Lopez,gina@example.com\n');
    const sent = await countersign(['templates', 'bulk-send', templateId, csv, '--wait']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^Bulk send bks_\w+: completed, 3 of 3 rows done \(2 sent, 1 failed\)$/m);
    expect(sent.stdout).toMatch(/^1\s+sent\s+env_\w+$/m);
    expect(sent.stdout).toMatch(/^2\s+failed\s+Row 2: signer1\.email: "not-an-email" is not an email address\.$/m);
    expect(sent.stdout).toMatch(/^3\s+sent\s+env_\w+$/m);

    const refused = await countersign(['templates', 'bulk-send', templateId, FIXTURES.pdf]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('csv');
  });
});
