import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

/** `countersign templates …` against the real server: save an envelope as a template, then bulk send it to a CSV and wait for each row's result. */

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

const countersign = (args: string[]) => cliRunner(server)(args);

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
