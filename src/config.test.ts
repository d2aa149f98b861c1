import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigurationError, loadConfig, requireSharedMasterKey } from './config.js';

describe('loadConfig', () => {
  it('has defaults for a fresh machine', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      host: '127.0.0.1',
      port: 3000,
      dataDir: '/srv/app/data',
      databaseUrl: undefined,
      apiKey: undefined,
      maxUploadBytes: 50 * 1024 * 1024,
      uploadIdleTimeoutMs: 30_000,
      maxConcurrentUploads: 4,
      requestTimeoutMs: 600_000,
      logLevel: 'info',
      masterKey: undefined,
      syncIntervalMinutes: 5,
      jobRetentionDays: 7,
      eventRetentionDays: 30,
      webhookRetryScheduleMs: [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      webhookTimeoutMs: 15_000,
      archiveRetryDelaysMs: [60_000, 300_000, 900_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 86_400_000, 86_400_000],
      jobLeaseSeconds: 60,
      syncPollBudget: 100,
      loopbackOnly: true,
      sandboxes: true,
      sandboxesReason: 'the server listens on loopback only (COUNTERSIGN_SANDBOXES=auto)',
      publicUrl: undefined,
      adminEmail: undefined,
      adminPassword: undefined,
      allowPrivateUrls: { hosts: new Set(), ranges: [], entries: [] },
      conversion: { soffice: undefined, timeoutMs: 120_000, concurrency: 1 },
    });
  });

  it('reads the LibreOffice settings, refusing a timeout out of range', () => {
    expect(loadConfig({ COUNTERSIGN_SOFFICE: '/opt/libreoffice/program/soffice', COUNTERSIGN_CONVERT_TIMEOUT_MS: '30000', COUNTERSIGN_CONVERT_CONCURRENCY: '2' }).conversion).toEqual({
      soffice: '/opt/libreoffice/program/soffice',
      timeoutMs: 30_000,
      concurrency: 2,
    });
    expect(() => loadConfig({ COUNTERSIGN_CONVERT_TIMEOUT_MS: '10' })).toThrow('COUNTERSIGN_CONVERT_TIMEOUT_MS must be a whole number from 1000 to 3600000; got "10".');
  });

  it('reads every variable', () => {
    const config = loadConfig(
      { HOST: '0.0.0.0', PORT: '8080', COUNTERSIGN_DATA_DIR: '/var/lib/cs', COUNTERSIGN_API_KEY: 'k'.repeat(24), COUNTERSIGN_MAX_UPLOAD_MB: '5', COUNTERSIGN_LOG_LEVEL: 'WARN' },
      '/srv/app',
    );
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8080, dataDir: '/var/lib/cs', apiKey: 'k'.repeat(24), maxUploadBytes: 5 * 1024 * 1024, logLevel: 'warn' });
    expect(
      loadConfig({ COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0', COUNTERSIGN_SANDBOXES: 'OFF', COUNTERSIGN_PUBLIC_URL: 'https://sign.example.com/', COUNTERSIGN_MASTER_KEY: 'ab'.repeat(32) }),
    ).toMatchObject({ syncIntervalMinutes: 0, sandboxes: false, publicUrl: 'https://sign.example.com', masterKey: 'ab'.repeat(32) });
    expect(loadConfig({ COUNTERSIGN_JOB_RETENTION_DAYS: '30' })).toMatchObject({ jobRetentionDays: 30 });
    expect(() => loadConfig({ COUNTERSIGN_JOB_RETENTION_DAYS: '0' })).toThrow(/COUNTERSIGN_JOB_RETENTION_DAYS must be a whole number from 1 to 3650; got "0"/);
    expect(loadConfig({ COUNTERSIGN_EVENT_RETENTION_DAYS: '90' })).toMatchObject({ eventRetentionDays: 90 });
    expect(() => loadConfig({ COUNTERSIGN_EVENT_RETENTION_DAYS: '0' })).toThrow(/COUNTERSIGN_EVENT_RETENTION_DAYS must be a whole number from 1 to 3650; got "0"/);
    expect(loadConfig({ COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0ms, 250ms,1s,2m,1h,1d' })).toMatchObject({ webhookRetryScheduleMs: [0, 250, 1000, 120_000, 3_600_000, 86_400_000] });
    expect(loadConfig({ COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0,5s,5m,30m,2h,5h,10h,10h' }).webhookRetryScheduleMs).toEqual(loadConfig({}).webhookRetryScheduleMs);
    expect(() => loadConfig({ COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0,5' })).toThrow(/COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE must be 1 to 20 waits .* got "0,5"/);
    expect(() => loadConfig({ COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0s,8d' })).toThrow(/COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE must be/);
    expect(loadConfig({ COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE: '1s,2s' })).toMatchObject({ archiveRetryDelaysMs: [1000, 2000] });
    expect(() => loadConfig({ COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE: '1m,5' })).toThrow(/COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE must be 1 to 20 waits .* got "1m,5"/);
    expect(loadConfig({}).webhookTimeoutMs).toBe(15_000);
    expect(loadConfig({ COUNTERSIGN_WEBHOOK_TIMEOUT: '2s' })).toMatchObject({ webhookTimeoutMs: 2000 });
    expect(loadConfig({ COUNTERSIGN_WEBHOOK_TIMEOUT: '1500ms' })).toMatchObject({ webhookTimeoutMs: 1500 });
    for (const bad of ['500ms', '61s', '1m', '15']) {
      expect(() => loadConfig({ COUNTERSIGN_WEBHOOK_TIMEOUT: bad })).toThrow(new RegExp(`COUNTERSIGN_WEBHOOK_TIMEOUT must be a duration from 1s to 60s .* got "${bad}"`));
    }
    expect(loadConfig({ COUNTERSIGN_JOB_LEASE_SECONDS: '10' })).toMatchObject({ jobLeaseSeconds: 10 });
    expect(() => loadConfig({ COUNTERSIGN_JOB_LEASE_SECONDS: '5' })).toThrow(/COUNTERSIGN_JOB_LEASE_SECONDS must be a whole number from 10 to 3600; got "5"/);
    expect(loadConfig({ COUNTERSIGN_SYNC_POLL_BUDGET: '25' })).toMatchObject({ syncPollBudget: 25 });
    expect(() => loadConfig({ COUNTERSIGN_SYNC_POLL_BUDGET: '0' })).toThrow(/COUNTERSIGN_SYNC_POLL_BUDGET must be a whole number from 1 to 100000; got "0"/);
  });

  it('keeps the sandboxes on by default only while nobody else can reach the server', () => {
    expect(loadConfig({}).sandboxes).toBe(true);
    expect(loadConfig({ HOST: 'localhost', COUNTERSIGN_PUBLIC_URL: 'http://127.0.0.1:3000' }).sandboxes).toBe(true);
    expect(loadConfig({ HOST: '::1' }).sandboxes).toBe(true);
    const exposed = loadConfig({ HOST: '0.0.0.0' });
    expect(exposed).toMatchObject({ loopbackOnly: false, sandboxes: false, sandboxesReason: expect.stringContaining('HOST 0.0.0.0 is not a loopback address') });
    expect(loadConfig({ HOST: '127.0.0.1', COUNTERSIGN_PUBLIC_URL: 'https://sign.example.com' })).toMatchObject({
      loopbackOnly: false,
      sandboxes: false,
      sandboxesReason: expect.stringContaining('COUNTERSIGN_PUBLIC_URL https://sign.example.com is not a loopback address'),
    });
    expect(loadConfig({ HOST: '0.0.0.0', COUNTERSIGN_SANDBOXES: 'on' })).toMatchObject({ loopbackOnly: false, sandboxes: true });
    expect(loadConfig({ COUNTERSIGN_SANDBOXES: 'off' }).sandboxes).toBe(false);
  });

  it('reports every bad value at once, naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', COUNTERSIGN_MAX_UPLOAD_MB: '1.5', COUNTERSIGN_API_KEY: 'x', COUNTERSIGN_SANDBOXES: 'maybe', COUNTERSIGN_MASTER_KEY: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'PORT must be a whole number from 0 to 65535; got "70000".',
      'COUNTERSIGN_MAX_UPLOAD_MB must be a whole number from 1 to 10240; got "1.5".',
      'COUNTERSIGN_API_KEY must be at least 24 characters long (use a random value, e.g. `openssl rand -hex 24`).',
      'COUNTERSIGN_SANDBOXES must be auto, on or off; got "maybe".',
      'COUNTERSIGN_MASTER_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).',
    ]);
  });

  it('reads the owner account to create at first start, keeping the password as given', () => {
    expect(loadConfig({ COUNTERSIGN_ADMIN_EMAIL: ' Owner@Example.com ', COUNTERSIGN_ADMIN_PASSWORD: ' correct horse ' })).toMatchObject({
      adminEmail: 'owner@example.com',
      adminPassword: ' correct horse ',
    });
  });

  it('refuses half an owner account, a bad email or a short password, never repeating the password', () => {
    const problemsOf = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigurationError).problems;
      }
      return [];
    };
    expect(problemsOf({ COUNTERSIGN_ADMIN_EMAIL: 'owner@example.com' })).toEqual([
      'COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD go together: set both to create the owner account at first start, or neither.',
    ]);
    expect(problemsOf({ COUNTERSIGN_ADMIN_PASSWORD: 'long enough password' })).toHaveLength(1);
    expect(problemsOf({ COUNTERSIGN_ADMIN_EMAIL: 'owner', COUNTERSIGN_ADMIN_PASSWORD: 'hunter2' })).toEqual([
      'COUNTERSIGN_ADMIN_EMAIL must be an email address such as owner@example.com; got "owner".',
      'COUNTERSIGN_ADMIN_PASSWORD must be at least 10 characters long.',
    ]);
    expect(JSON.stringify(problemsOf({ COUNTERSIGN_ADMIN_EMAIL: 'owner@example.com', COUNTERSIGN_ADMIN_PASSWORD: 'hunter2' }))).not.toContain('hunter2');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', COUNTERSIGN_API_KEY: '  ' }).port).toBe(3000);
    expect(loadConfig({ COUNTERSIGN_ADMIN_EMAIL: '', COUNTERSIGN_ADMIN_PASSWORD: '' })).toMatchObject({ adminEmail: undefined, adminPassword: undefined });
  });
});

describe('COUNTERSIGN_ALLOW_PRIVATE_URLS', () => {
  it('reads hosts, addresses and ranges', () => {
    const { allowPrivateUrls } = loadConfig({ COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1,10.0.0.0/8,emulator.internal' });
    expect(allowPrivateUrls.entries).toEqual(['127.0.0.1', '10.0.0.0/8', 'emulator.internal']);
    expect([...allowPrivateUrls.hosts]).toEqual(['emulator.internal']);
  });

  it('refuses an entry it cannot read, naming it', () => {
    expect(() => loadConfig({ COUNTERSIGN_ALLOW_PRIVATE_URLS: '10.0.0.0/40' })).toThrow(/COUNTERSIGN_ALLOW_PRIVATE_URLS takes host names.*"10\.0\.0\.0\/40" is none of these/);
  });
});

describe('COUNTERSIGN_DATABASE_URL', () => {
  it('takes a postgres:// or postgresql:// URL', () => {
    expect(loadConfig({ COUNTERSIGN_DATABASE_URL: 'postgres://countersign:s3cret@db.internal:5432/countersign' }).databaseUrl).toBe(
      'postgres://countersign:s3cret@db.internal:5432/countersign',
    );
    expect(loadConfig({ COUNTERSIGN_DATABASE_URL: 'postgresql://db.internal/countersign' }).databaseUrl).toBe('postgresql://db.internal/countersign');
  });

  it('refuses another kind of URL without repeating its password', () => {
    const refusal = () => loadConfig({ COUNTERSIGN_DATABASE_URL: 'mysql://root:hunter22@db.internal/countersign' });
    expect(refusal).toThrow('COUNTERSIGN_DATABASE_URL must be a PostgreSQL URL (postgres:// or postgresql://)');
    expect(refusal).not.toThrow(/hunter22/);
    expect(() => loadConfig({ COUNTERSIGN_DATABASE_URL: 'db.internal:5432' })).toThrow(/COUNTERSIGN_DATABASE_URL must be a PostgreSQL URL/);
    expect(() => loadConfig({ COUNTERSIGN_DATABASE_URL: 'not a url, p4ssw0rd' })).not.toThrow(/p4ssw0rd/);
  });

  it('needs the master key from the environment to start on PostgreSQL, where instances share it', () => {
    const onPostgres = loadConfig({ COUNTERSIGN_DATABASE_URL: 'postgres://db.internal/countersign' });
    expect(() => requireSharedMasterKey(onPostgres)).toThrow(/COUNTERSIGN_MASTER_KEY must be set when COUNTERSIGN_DATABASE_URL is/);
    expect(() => requireSharedMasterKey({ ...onPostgres, masterKey: 'a'.repeat(64) })).not.toThrow();
    expect(() => requireSharedMasterKey(loadConfig({}))).not.toThrow();
  });
});

describe('the documented configuration', () => {
  it.each(['README.md', 'docs/configuration.md'])('%s lists every variable with its default', (file) => {
    const text = readFileSync(resolve(import.meta.dirname, '..', file), 'utf8');
    for (const variable of CONFIG_VARIABLES) {
      expect(text).toContain(`| \`${variable.name}\` | ${variable.default.startsWith('(') ? variable.default : `\`${variable.default}\``} | ${variable.description} |`);
    }
  });
});
