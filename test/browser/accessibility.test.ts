/**
 * Issue 15's "For everyone": every page of the web app passes axe-core's check (no violation of impact
 * serious or critical) in light and dark mode, at desktop and phone width — the signed-out pages (sign
 * in, first-run setup, an invitation), the lists, the settings tabs, the not-found page, an envelope
 * in each state a user meets, and the forms that open in dialogs. Dark mode follows the system, and the account menu's switch overrides it
 * and is remembered in the browser.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBuiltInSandbox, waitForEnvelope } from '../support/built-in-sandbox.js';
import { type AppServer, browserSuite, DESKTOP, DOCUMENTS, eventually, expectNoConsoleErrors, expectNoSeriousA11yViolations, newPage, PHONE, screenshot, signIn, startAppServer, type TestPage, waitUntilSettled, wrongSecretConnection } from './support.js';

// A webhook endpoint on a closed loopback port: its deliveries fail at once, which fills the delivery log.
const suite = browserSuite({ env: { COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1', COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE: '0' } });

const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];
const WIDTHS = [
  { name: 'desktop', viewport: DESKTOP },
  { name: 'phone', viewport: PHONE },
] as const;
const COMBINATIONS = SCHEMES.flatMap((scheme) => WIDTHS.map((width) => ({ scheme, ...width })));

const signer = { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@example.com', role: 'signer' };
const secondSigner = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer', step: 2 };
const receiver = { firstName: 'Rita', lastName: 'Reader', email: 'rita.reader@example.com', role: 'receiver' };

/** What the tests visit, made once through the API. */
const made = {
  envelopes: {} as Record<'draft' | 'ready' | 'sent' | 'completed' | 'declined' | 'failed', string>,
  webhookEndpoint: '',
  invitationLink: '',
  document: '',
  template: '',
  bulkSend: '',
};

beforeAll(async () => {
  const { api } = suite.app;
  const document = (await api.upload('/api/v1/documents', join(DOCUMENTS, 'sample.pdf'), 'Agreement.pdf')).body.id;
  const endpoint = await api.post('/api/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/hooks', events: ['envelope.sent', 'envelope.completed'], description: 'CRM' });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  made.webhookEndpoint = endpoint.body.id;
  const invited = await api.post('/api/v1/users', { email: 'new.member@example.com', role: 'member' });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  made.invitationLink = invited.body.invitation.url;

  const create = async (title: string, participants: object[], extra: object = {}) => {
    const created = await api.post('/api/v1/envelopes', { title, documentIds: [document], participants, ...extra });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const send = async (id: string) => expect((await api.post(`/api/v1/envelopes/${id}/send`)).status).toBe(202);
  const act = async (id: string, email: string, action: 'sign' | 'reject', reason?: string) => {
    const { providerReference } = (await api.get(`/api/v1/envelopes/${id}`)).body;
    const answer = await callBuiltInSandbox(suite.app.sandbox, suite.app.server.apiKey, 'POST', `/_sandbox/document-processes/${providerReference}/parties/${email}/actions`, { action, reason });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };

  const envelopes = made.envelopes;
  envelopes.draft = await create('Draft annex', [receiver]);
  envelopes.ready = await create('Ready lease', [signer, receiver]);
  envelopes.sent = await create('Sent sale', [signer, secondSigner, { ...receiver, step: 2 }]);
  envelopes.completed = await create('Completed loan', [signer]);
  envelopes.declined = await create('Declined offer', [signer]);
  envelopes.failed = await create('Failed deal', [signer], { connectionId: (await wrongSecretConnection(suite.app)).id });
  for (const id of [envelopes.sent, envelopes.completed, envelopes.declined, envelopes.failed]) await send(id);
  for (const id of [envelopes.sent, envelopes.completed, envelopes.declined]) await waitForEnvelope(api, id, (envelope) => envelope.status === 'sent', 'sent');
  await act(envelopes.sent, signer.email, 'sign');
  await act(envelopes.completed, signer.email, 'sign');
  await act(envelopes.declined, signer.email, 'reject', 'The price is wrong');
  await waitForEnvelope(api, envelopes.sent, (envelope) => envelope.participants[1].status === 'notified', 'with step 2 invited');
  await waitForEnvelope(api, envelopes.completed, (envelope) => envelope.status === 'completed' && envelope.archive?.status === 'archived', 'completed, its files archived');
  await waitForEnvelope(api, envelopes.declined, (envelope) => envelope.status === 'rejected', 'declined');
  await waitForEnvelope(api, envelopes.failed, (envelope) => envelope.status === 'failed', 'failed');

  made.document = document;
  const template = await api.post('/api/v1/templates', { name: 'Lease template', envelopeId: envelopes.ready });
  expect(template.status, JSON.stringify(template.body)).toBe(201);
  made.template = template.body.id;
  const connectionId = (await api.get('/api/v1/connections')).body.data.find((connection: { isDefault: boolean }) => connection.isDefault).id;
  const csv = 'signer1.firstName,signer1.lastName,signer1.email,receiver1.firstName,receiver1.lastName,receiver1.email\nCarla,Nowak,carla@example.com,Rita,Reader,rita.reader@example.com';
  const bulkSend = await api.post(`/api/v1/templates/${made.template}/bulk-sends`, { csv, connectionId });
  expect(bulkSend.status, JSON.stringify(bulkSend.body)).toBe(202);
  made.bulkSend = bulkSend.body.id;
});

/** A page at this width whose system asks for this colour scheme (the app's default, Auto, follows it). */
async function pageIn(browser: Browser, scheme: Scheme, viewport: { width: number; height: number }): Promise<TestPage> {
  const testPage = await newPage(browser, viewport);
  await testPage.page.emulateMedia({ colorScheme: scheme });
  return testPage;
}

/** A page as {@link pageIn}, signed in as the owner. */
async function signedInPageIn(scheme: Scheme, viewport: { width: number; height: number }): Promise<TestPage> {
  const tab = await pageIn(suite.browser, scheme, viewport);
  await signIn(tab.page, suite.app);
  return tab;
}

/** Waits until the page has settled ({@link waitUntilSettled}) and checks that it shows `scheme`. */
async function settled(page: Page, scheme: Scheme): Promise<void> {
  await waitUntilSettled(page);
  expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe(scheme);
}

/** Opens `path`, waits for its heading, and checks it; a screenshot is kept for each. */
async function check(page: Page, options: { scheme: Scheme; width: string; label: string; path: string; heading: string | RegExp; ready?: () => Promise<void> }): Promise<void> {
  const { scheme, width, label, path, heading } = options;
  await page.goto(suite.app.url + path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await options.ready?.();
  await settled(page, scheme);
  await screenshot(page, `${scheme}-${width}-${label.replace(/[^\w]+/g, '-')}`);
  await expectNoSeriousA11yViolations(page, `${label} (${scheme}, ${width})`);
}

describe.each(COMBINATIONS)('in $scheme mode at $name width', ({ scheme, name: width, viewport }) => {
  it('the signed-out pages: sign in and an invitation', async () => {
    const { browser } = suite;
    const tab = await pageIn(browser, scheme, viewport);
    await check(tab.page, { scheme, width, label: 'sign in', path: '/', heading: 'Sign in' });
    const invitation = new URL(made.invitationLink);
    await check(tab.page, {
      scheme,
      width,
      label: 'invitation',
      path: invitation.pathname + invitation.hash,
      heading: 'Accept your invitation',
      ready: () => eventually(async () => expect(await tab.page.getByLabel('Email').inputValue()).toBe('new.member@example.com')),
    });
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('the lists, the settings tabs and the not-found page', async () => {
    const tab = await signedInPageIn(scheme, viewport);
    const { page } = tab;
    const on = { scheme, width };
    await check(page, { ...on, label: 'documents', path: '/documents', heading: 'Documents', ready: () => page.getByText('Agreement.pdf').first().waitFor() });
    await check(page, {
      ...on,
      label: 'envelopes',
      path: '/envelopes',
      heading: 'Envelopes',
      ready: () => page.getByRole('link', { name: 'Declined offer' }).waitFor(),
    });
    await check(page, { ...on, label: 'settings connections', path: '/settings', heading: 'Settings', ready: () => page.getByText('Broken').first().waitFor() });
    await check(page, { ...on, label: 'settings users', path: '/settings/users', heading: 'Settings', ready: () => page.getByText('new.member@example.com').first().waitFor() });
    await check(page, { ...on, label: 'settings API keys', path: '/settings/api-keys', heading: 'Settings', ready: () => page.getByRole('button', { name: 'Create key' }).waitFor() });
    await check(page, { ...on, label: 'settings webhooks', path: '/settings/webhooks', heading: 'Settings', ready: () => page.getByText('http://127.0.0.1:9/hooks').first().waitFor() });
    await check(page, {
      ...on,
      label: 'webhook delivery log',
      path: `/settings/webhooks/${made.webhookEndpoint}`,
      heading: 'Settings',
      ready: () => page.getByText('Envelope sent').first().waitFor(),
    });
    await check(page, { ...on, label: 'settings audit log', path: '/settings/audit-log', heading: 'Settings', ready: () => page.getByText('new.member@example.com').first().waitFor() });
    await check(page, { ...on, label: 'not found', path: '/no-such-page', heading: 'Page not found' });
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('the templates, a bulk send and the document previews', async () => {
    const tab = await signedInPageIn(scheme, viewport);
    const { page } = tab;
    const on = { scheme, width };
    await check(page, { ...on, label: 'templates', path: '/templates', heading: 'Templates', ready: () => page.getByText('Lease template').first().waitFor() });
    await check(page, { ...on, label: 'template', path: `/templates/${made.template}`, heading: 'Lease template' });
    await check(page, { ...on, label: 'bulk send', path: `/templates/${made.template}/bulk-sends/${made.bulkSend}`, heading: 'Bulk send', ready: () => page.getByText('carla@example.com').first().waitFor() });
    await check(page, { ...on, label: 'document preview', path: `/documents/${made.document}`, heading: 'Agreement.pdf', ready: () => page.locator('canvas').first().waitFor() });
    await check(page, {
      ...on,
      label: 'preview and place',
      path: `/envelopes/${made.envelopes.ready}/documents/${made.document}`,
      heading: 'Agreement.pdf',
      ready: () => page.locator('canvas').first().waitFor(),
    });
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('the forms in dialogs: create an envelope, edit one, add a connection, invite a user, add a webhook endpoint', async () => {
    const tab = await signedInPageIn(scheme, viewport);
    const { page } = tab;
    const on = { scheme, width };
    const dialogs = [
      { path: '/documents', heading: 'Documents', button: 'Create envelope', dialog: 'Create envelope' },
      { path: `/envelopes/${made.envelopes.draft}`, heading: 'Draft annex', button: 'Edit details', dialog: 'Edit envelope' },
      { path: '/settings', heading: 'Settings', button: 'Add connection', dialog: 'Add connection' },
      { path: '/settings/users', heading: 'Settings', button: 'Invite user', dialog: 'Invite a user' },
      { path: '/settings/webhooks', heading: 'Settings', button: 'Add endpoint', dialog: 'Add a webhook endpoint' },
    ];
    for (const { path, heading, button, dialog } of dialogs) {
      const label = `the ${button} dialog`;
      await check(page, {
        ...on,
        label,
        path,
        heading,
        ready: async () => {
          await page.getByRole('button', { name: button, exact: true }).first().click();
          await page.getByRole('dialog', { name: dialog }).waitFor();
        },
      });
    }
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('an envelope in each state: draft, ready, sent, completed, declined, failed', async () => {
    const tab = await signedInPageIn(scheme, viewport);
    const { page } = tab;
    const states = [
      { state: 'draft', title: 'Draft annex', status: 'Draft' },
      { state: 'ready', title: 'Ready lease', status: 'Ready' },
      { state: 'sent', title: 'Sent sale', status: 'Sent' },
      { state: 'completed', title: 'Completed loan', status: 'Completed' },
      { state: 'declined', title: 'Declined offer', status: 'Declined' },
      { state: 'failed', title: 'Failed deal', status: 'Failed' },
    ] as const;
    for (const { state, title, status } of states) {
      await check(page, {
        scheme,
        width,
        label: `envelope ${state}`,
        path: `/envelopes/${made.envelopes[state]}`,
        heading: title,
        ready: () => page.locator('.mantine-Badge-root').filter({ hasText: new RegExp(`^${status}$`) }).first().waitFor(),
      });
    }
    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('the colour scheme', () => {
  it('follows the system by default; the account menu’s switch overrides it and is remembered in this browser', async () => {
    const { browser, app } = suite;
    const tab = await pageIn(browser, 'light', PHONE);
    const { page } = tab;
    const scheme = () => page.locator('html').getAttribute('data-mantine-color-scheme');
    await signIn(page, app);
    expect(await scheme()).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(async () => expect(await scheme()).toBe('dark'));

    // Chosen Light while the system is dark: light, also after a reload.
    const menu = page.getByRole('button', { name: /^Account menu/ });
    await menu.click();
    const choice = (name: string) => page.getByRole('menuitem', { name, exact: true });
    expect(await choice('Auto').getAttribute('aria-current')).toBe('true');
    expect(await choice('Light').getAttribute('aria-current')).toBeNull();
    await settled(page, 'dark');
    await screenshot(page, 'phone-appearance-menu');
    await expectNoSeriousA11yViolations(page, 'the account menu');
    await choice('Light').click();
    await eventually(async () => expect(await scheme()).toBe('light'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    expect(await scheme()).toBe('light');

    // Dark, then Auto again: the system's dark.
    await page.emulateMedia({ colorScheme: 'light' });
    await menu.click();
    expect(await choice('Light').getAttribute('aria-current')).toBe('true');
    await choice('Dark').click();
    await eventually(async () => expect(await scheme()).toBe('dark'));
    await menu.click();
    await choice('Auto').click();
    await eventually(async () => expect(await scheme()).toBe('light'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(async () => expect(await scheme()).toBe('dark'));
    expectNoConsoleErrors(tab);
    await tab.close();
  });

  it('is set before the app has loaded, so that a dark page never flashes white', async () => {
    const { browser, app } = suite;
    const tab = await pageIn(browser, 'light', DESKTOP);
    const { page } = tab;
    // Dark chosen in the account menu earlier; the app's own script never arrives.
    await tab.context.addInitScript(`window.localStorage.setItem('countersign-color-scheme', 'dark')`);
    await page.route('**/assets/*.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    await page.goto(app.url + '/');
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    expect(await page.locator('#root').innerHTML()).toBe('');
    expectNoConsoleErrors(tab);
    await tab.close();
  });
});

describe('the first-run setup', () => {
  let fresh: AppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    fresh = await startAppServer({ owner: false });
    browser = suite.browser;
  });
  afterAll(async () => {
    await fresh?.stop();
  });

  it.each(COMBINATIONS)('passes in $scheme mode at $name width', async ({ scheme, name: width, viewport }) => {
    const tab = await pageIn(browser!, scheme, viewport);
    await tab.page.goto(fresh!.url + '/');
    await tab.page.getByRole('heading', { level: 1 }).waitFor();
    await settled(tab.page, scheme);
    await screenshot(tab.page, `${scheme}-${width}-setup`);
    await expectNoSeriousA11yViolations(tab.page, `the setup page (${scheme}, ${width})`);
    expectNoConsoleErrors(tab);
    await tab.close();
  });
});
